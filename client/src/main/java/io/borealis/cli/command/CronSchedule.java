package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cron schedule JOBKEY FILE}: evaluates the file, picks the cron job JOBKEY names and
 * schedules it; scheduling a cron job again replaces its configuration from its next run on.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Schedule a cron job from a job file (again: replace its configuration "
                + "from the next run on).")
final class CronSchedule extends SessionCommand {
    @Mixin
    JobFileArguments args;

    CronSchedule(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        JobConfiguration job = args.job(session);
        ClusterJobKey key = args.key;
        if (job.cronSchedule() == null) {
            throw new CliException(ExitCode.INVALID_CONFIGURATION, key + " has no cron_schedule; "
                    + "use 'borealis job create' for a job that runs once");
        }
        var scheduler = session.scheduler(key.cluster());
        String url;
        try {
            url = scheduler.scheduleCronJob(job.withOwner(System.getProperty("user.name", "")))
                    .orElse(null);
            if (url == null) {
                url = scheduler.jobPage(key.job());
            }
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
