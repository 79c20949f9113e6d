package io.borealis.cli.command;

import io.borealis.api.model.CronJob;
import io.borealis.cli.render.CronView;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cron show JOBKEY}: the cron job's schedule, zone, collision policy, next run times (in
 * its zone and in UTC) and recent runs, as text or (with {@code --write-json}) JSON.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a cron job's schedule, next run times and recent runs.")
final class CronShow extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Option(names = "--write-json", description = "print the cron job as JSON")
    boolean json;

    CronShow(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        CronJob job;
        try {
            job = session().scheduler(key.cluster()).cronJob(key.job());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (json) {
            CronView.json(context.out(), key.toString(), job);
        } else {
            CronView.print(context.out(), key.toString(), job);
        }
        return ExitCode.OK;
    }
}
