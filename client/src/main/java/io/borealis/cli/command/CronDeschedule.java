package io.borealis.cli.command;

import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cron deschedule JOBKEY}: removes the cron job. As in Aurora, the tasks of a run in
 * progress keep running; {@code job killall} stops them.
 */
@Command(name = "deschedule", mixinStandardHelpOptions = true,
        description = "Remove a cron job (a run in progress keeps running; 'job killall' "
                + "stops it).")
final class CronDeschedule extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    CronDeschedule(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        try {
            session().scheduler(key.cluster()).descheduleCronJob(key.job());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println("Cron job " + key + " descheduled");
        context.out().flush();
        return ExitCode.OK;
    }
}
