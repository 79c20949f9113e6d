package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.transport.SchedulerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cron schedule JOBKEY FILE}: evaluates the file, picks the cron job JOBKEY names and
 * schedules it; scheduling a cron job again replaces its configuration from its next run on.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Schedule a cron job from a job file (again: replace its configuration "
                + "from the next run on).")
final class CronSchedule extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME of the cron job in the file")
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "FILE", description = "the job file")
    Path file;

    @Option(names = "--bind", paramLabel = "NAME=VALUE",
            description = "bind a template variable, e.g. profile.version=42 (repeatable)")
    List<String> bindings = new ArrayList<>();

    CronSchedule(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        JobConfiguration job = session.select(session.evaluate(file, bindings), key, file);
        if (job.cronSchedule() == null) {
            throw new CliException(ExitCode.INVALID_CONFIGURATION, key + " has no cron_schedule; "
                    + "use 'borealis job create' for a job that runs once");
        }
        var scheduler = session.scheduler(key.cluster());
        String url;
        try {
            url = scheduler.scheduleCronJob(job.withOwner(System.getProperty("user.name", "")))
                    .orElse(scheduler.schedulerUri() + "/scheduler/" + key.job());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println("Cron job " + key + " scheduled: '" + job.cronSchedule() + "' in "
                + job.effectiveCronTimezone() + ", " + job.cronCollisionPolicy() + "; job url="
                + url);
        context.out().flush();
        return ExitCode.OK;
    }
}
