package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.AdminClient;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code reconcile_tasks CLUSTER}: the scheduler asks every registered agent for its tasks now
 * and corrects what differs, as a heartbeat would (Aurora's explicit reconciliation).
 */
@Command(name = "reconcile_tasks", mixinStandardHelpOptions = true,
        description = "Ask every agent for the truth about its tasks, and correct what differs.")
final class ReconcileTasks extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    ReconcileTasks(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        AdminClient.Reconciliation result;
        try {
            result = admin(cluster).reconcileTasks();
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        int silent = result.agentsAsked() - result.agentsAnswered();
        println("Reconciled " + cluster + ": " + result.agentsAnswered() + " of "
                + result.agentsAsked() + " agents answered, " + result.tasksCorrected()
                + " tasks corrected" + (silent > 0 ? " (" + silent + " agents did not answer; "
                + "see the scheduler's log)" : ""));
        return ExitCode.OK;
    }
}
