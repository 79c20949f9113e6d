package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import picocli.CommandLine.Command;

/**
 * {@code scheduler_commit_recovery CLUSTER}: the staged backup becomes the live state, in one
 * transaction, while the scheduler keeps serving.
 */
@Command(name = "scheduler_commit_recovery", mixinStandardHelpOptions = true,
        description = "Replace the live state with the staged backup.")
final class SchedulerCommitRecovery extends BackupCommand {
    SchedulerCommitRecovery(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        call(client -> {
            client.commitRecovery();
            return null;
        });
        println("Recovery committed on " + cluster + ": the staged backup is the live state");
        return ExitCode.OK;
    }
}
