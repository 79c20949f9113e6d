package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code update start JOBKEY FILE}: evaluates the file, picks the job, asks the scheduler to roll
 * it out (per the job's {@code UpdateConfig}) and prints the update's id; with {@code --wait}
 * it then waits as {@code update wait} does.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a rolling update of a job to the configuration in a job file and "
                + "print the update's id.")
final class UpdateStart extends SessionCommand {
    @Mixin
    JobFileArguments args;

    @Option(names = "--message", paramLabel = "M", defaultValue = "",
            description = "why, recorded with the update")
    String message;

    @Option(names = "--wait", description = "wait until the update ends: exit 0 only when it "
            + "rolled forward, 4 otherwise")
    boolean await;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60m",
            converter = DurationConverter.class,
            description = "give up waiting after this long, exit 9 (default: ${DEFAULT-VALUE})")
    Duration waitTimeout;

    UpdateStart(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        JobConfiguration job = args.runOnceJob(session);
        ClusterJobKey key = args.key;
        SchedulerClient scheduler = session.scheduler(key.cluster());
        String id;
        try {
            id = scheduler.startJobUpdate(job, message);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println(id);
        context.out().flush();
        return await ? new UpdateWaiter(scheduler, context).await(key.job(), id, waitTimeout)
                : ExitCode.OK;
    }
}
