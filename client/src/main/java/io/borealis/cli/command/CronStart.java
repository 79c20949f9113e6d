package io.borealis.cli.command;

import io.borealis.api.model.CronRun;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cron start JOBKEY}: runs the cron job now, with its collision policy; prints what the
 * run did. A run that started nothing (SKIPPED, FAILED) exits 4.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Run a cron job now (its collision policy applies).")
final class CronStart extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    CronStart(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        CronRun run;
        try {
            run = session().scheduler(key.cluster()).startCronJob(key.job());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        return switch (run.outcome()) {
            case STARTED, KILLED_PREVIOUS -> {
                context.out().println("Cron job " + key + " started: " + run.message());
                context.out().flush();
                yield ExitCode.OK;
            }
            case SKIPPED, FAILED -> throw new CliException(ExitCode.COMMAND_FAILURE,
                    "cron job " + key + " not started (" + run.outcome() + "): "
                            + run.message());
        };
    }
}
