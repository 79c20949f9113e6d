package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import io.borealis.dsl.script.Evaluation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code update start JOBKEY FILE}: evaluates the file, picks the job, asks the scheduler to roll
 * it out (per the job's {@code UpdateConfig}) and prints the update's id; with {@code --wait}
 * it then waits as {@code update wait} does.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a rolling update of a job to the configuration in a job file and "
                + "print the update's id.")
final class UpdateStart extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME of the job in the file")
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "FILE", description = "the job file")
    Path file;

    @Option(names = "--bind", paramLabel = "NAME=VALUE",
            description = "bind a template variable, e.g. profile.version=42 (repeatable)")
    List<String> bindings = new ArrayList<>();

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
        Evaluation evaluation = session.evaluate(file, bindings);
        JobConfiguration job = session.select(evaluation, key, file);
        if (job.cronSchedule() != null) {
            throw new CliException(ExitCode.INVALID_CONFIGURATION, key + " is a cron job "
                    + "(cron_schedule '" + job.cronSchedule() + "'); use 'borealis cron schedule'");
        }
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
