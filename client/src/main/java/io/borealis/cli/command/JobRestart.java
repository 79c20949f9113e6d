package io.borealis.cli.command;

import io.borealis.api.model.RestartSettings;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code job restart JOBKEY[/INSTANCES]}: asks the scheduler for a rolling restart (each
 * instance killed and started again with the configuration it runs, in batches, each watched),
 * prints the update's id, then waits for it as {@code update wait} does. The scheduler drives
 * it: the client may exit, and {@code update info|pause|abort} act on it like on any update.
 * Flags left out come from the job's update settings; the rollback is off unless asked for.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart instances of a job in rolling batches, performed by the scheduler "
                + "as an update; print its id and wait until it ends. Exit 0 only when every "
                + "instance was restarted.")
final class JobRestart extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY[/INSTANCES]", converter = Target.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME (every active instance) or "
                    + "CLUSTER/ROLE/ENV/NAME/INSTANCES, e.g. devcluster/www-data/prod/hello/0-3")
    Target target;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "restart N instances at a time (default: the job's batch_size)")
    Integer batchSize;

    @Option(names = "--watch-secs", paramLabel = "S",
            description = "an instance must stay RUNNING (and healthy) S seconds to count as "
                    + "restarted (default: the job's watch_secs)")
    Integer watchSecs;

    @Option(names = "--max-per-instance-failures", paramLabel = "N",
            description = "failures an instance may have before it counts as failed "
                    + "(default: the job's)")
    Integer maxPerInstanceFailures;

    @Option(names = "--max-total-failures", paramLabel = "N",
            description = "failed instances the restart tolerates (default: the job's)")
    Integer maxTotalFailures;

    @Option(names = "--rollback-on-failure",
            description = "end ROLLED_BACK rather than FAILED when too many instances fail "
                    + "(a restart has no older configuration to restore)")
    boolean rollbackOnFailure;

    @Option(names = "--message", paramLabel = "M", defaultValue = "",
            description = "why, recorded with the restart")
    String message;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60m",
            converter = DurationConverter.class,
            description = "give up waiting after this long, exit 9; the restart goes on "
                    + "(default: ${DEFAULT-VALUE})")
    Duration waitTimeout;

    JobRestart(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        atLeast("--batch-size", batchSize, 1);
        atLeast("--watch-secs", watchSecs, 0);
        atLeast("--max-per-instance-failures", maxPerInstanceFailures, 0);
        atLeast("--max-total-failures", maxTotalFailures, 0);
        SchedulerClient scheduler = session().scheduler(target.job().cluster());
        String id;
        try {
            id = scheduler.restartJob(target.job().job(), target.instances(),
                    new RestartSettings(batchSize, watchSecs, maxPerInstanceFailures,
                            maxTotalFailures, rollbackOnFailure), message);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println(id);
        context.out().flush();
        return new UpdateWaiter(scheduler, context).await(target.job().job(), id, waitTimeout);
    }

    private static void atLeast(String flag, Integer value, int least) throws CliException {
        if (value != null && value < least) {
            throw new CliException(ExitCode.INVALID_PARAMETER, flag + " must be "
                    + (least == 0 ? "0 or more" : "at least " + least) + ", got " + value);
        }
    }

    /** A job and some of its instances; no instances means every active one. */
    record Target(ClusterJobKey job, Set<Integer> instances) {
        static final class Converter implements CommandLine.ITypeConverter<Target> {
            @Override
            public Target convert(String value) {
                try {
                    if (value.chars().filter(c -> c == '/').count() == 4) {
                        InstanceKey key = InstanceKey.parse(value);
                        return new Target(key.job(), Set.copyOf(key.instances()));
                    }
                    return new Target(ClusterJobKey.parse(value), Set.of());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException(e.getMessage());
                }
            }
        }
    }
}
