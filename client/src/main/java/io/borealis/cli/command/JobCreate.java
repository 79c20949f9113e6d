package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import io.borealis.dsl.script.Evaluation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code job create JOBKEY FILE}: evaluates the file, picks the job JOBKEY names, creates it and
 * prints its page; with {@code --wait-until} it then polls until every instance gets there.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a job from a job file and print its scheduler URL.")
final class JobCreate extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME of the job in the file")
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "FILE", description = "the job file")
    Path file;

    @Option(names = "--bind", paramLabel = "NAME=VALUE",
            description = "bind a template variable, e.g. profile.version=42 (repeatable)")
    List<String> bindings = new ArrayList<>();

    @Option(names = "--wait-until", paramLabel = "STATE", defaultValue = "PENDING",
            description = "wait until every instance is ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE})")
    WaitTarget waitUntil;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "give up waiting after this long, exit 9 (default: ${DEFAULT-VALUE})")
    Duration waitTimeout;

    JobCreate(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        Evaluation evaluation = session.evaluate(file, bindings);
        JobConfiguration job = session.select(evaluation, key, file);
        if (job.cronSchedule() != null) {
            throw new CliException(ExitCode.INVALID_CONFIGURATION, key + " is a cron job "
                    + "(cron_schedule '" + job.cronSchedule() + "'); use 'borealis cron schedule'");
        }
        SchedulerClient scheduler = session.scheduler(key.cluster());
        String url;
        try {
            url = scheduler.createJob(withOwner(job)).orElse(scheduler.schedulerUri()
                    + "/scheduler/" + key.job());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println("Job create succeeded: job url=" + url);
        context.out().flush();
        if (waitUntil != WaitTarget.PENDING) {
            int count = job.instanceCount();
            new TaskWaiter(scheduler, context).await(jobQuery(key.job()),
                    tasks -> reached(tasks, count) == count,
                    tasks -> reached(tasks, count) + "/" + count + " instances " + waitUntil,
                    waitTimeout);
            context.out().println("All " + count + " instances of " + key + " are " + waitUntil);
            context.out().flush();
        }
        return ExitCode.OK;
    }

    private long reached(List<InstanceTask> tasks, int count) {
        return IntStream.range(0, count).filter(i -> waitUntil.reached(i, tasks)).count();
    }

    /** The owner is the local user; the scheduler replaces it with the authenticated one. */
    private static JobConfiguration withOwner(JobConfiguration job) {
        return job.withOwner(System.getProperty("user.name", ""));
    }
}
