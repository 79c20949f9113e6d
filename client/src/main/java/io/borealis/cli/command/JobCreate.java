package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code job create JOBKEY FILE}: evaluates the file, picks the job JOBKEY names, creates it and
 * prints its page; with {@code --wait-until} it then polls until every instance gets there.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a job from a job file and print its scheduler URL.")
final class JobCreate extends SessionCommand {
    @Mixin
    JobFileArguments args;

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
        JobConfiguration job = args.runOnceJob(session);
        ClusterJobKey key = args.key;
        SchedulerClient scheduler = session.scheduler(key.cluster());
        String url;
        try {
            url = scheduler.createJob(withOwner(job)).orElse(null);
            if (url == null) {
                url = scheduler.jobPage(key.job());
            }
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
