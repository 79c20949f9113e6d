package io.borealis.cli.admin.command;

import io.borealis.api.model.CountSlaPolicy;
import io.borealis.api.model.PercentageSlaPolicy;
import io.borealis.api.model.SlaPolicy;
import io.borealis.api.validation.MaintenanceRules;
import io.borealis.api.validation.Problem;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.DurationConverter;
import io.borealis.cli.transport.MaintenanceClient;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sla_host_drain --hosts=... [--force_drain_timeout=DURATION] CLUSTER}: the scheduler
 * drains each task only when its job's SLA policy allows ({@code slaDrainHosts}), and the rest
 * once the timeout has passed. Jobs without a policy get the default: Aurora's 95 % of instances
 * up for 30 minutes, or {@code --default_count}.
 */
@Command(name = "sla_host_drain", mixinStandardHelpOptions = true,
        description = "Drain hosts as fast as each job's SLA policy allows (scheduler-side, "
                + "stored: survives a scheduler restart); after --force_drain_timeout the rest "
                + "drain regardless.")
final class SlaHostDrain extends HostsCommand {
    @Option(names = "--force_drain_timeout", paramLabel = "DURATION", defaultValue = "7d",
            converter = DurationConverter.class,
            description = "drain every task left this long after the request; 0 never "
                    + "(default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--default_percentage", paramLabel = "PCT",
            description = "default policy for jobs without one: this percentage of instances up "
                    + "(default: 95)")
    Double percentage;

    @Option(names = "--default_count", paramLabel = "N",
            description = "default policy for jobs without one: at least N other instances up "
                    + "(instead of --default_percentage)")
    Long count;

    @Option(names = "--default_duration", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class,
            description = "how long an instance must have been up to count "
                    + "(default: ${DEFAULT-VALUE})")
    Duration duration;

    private SlaPolicy policy;

    SlaHostDrain(CliContext context) {
        super(context);
    }

    @Override
    void checkOptions() throws CliException {
        if (percentage != null && count != null) {
            throw invalid("give --default_percentage or --default_count, not both");
        }
        long timeoutSecs = seconds("--force_drain_timeout", timeout);
        if (timeoutSecs > MaintenanceRules.MAX_DRAIN_TIMEOUT_SECS) {
            throw invalid("--force_drain_timeout must be at most 3650d, got " + timeoutSecs
                    + " s");
        }
        long durationSecs = seconds("--default_duration", duration);
        policy = count != null
                ? new SlaPolicy(new CountSlaPolicy(count, durationSecs), null, null)
                : new SlaPolicy(null, new PercentageSlaPolicy(
                        percentage == null ? 95 : percentage, durationSecs), null);
        List<Problem> problems = MaintenanceRules.slaPolicyProblems(policy);
        if (!problems.isEmpty()) {
            throw invalid("default SLA policy: " + problems.stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")));
        }
    }

    private static long seconds(String option, Duration value) throws CliException {
        if (value.toMillis() % 1000 != 0) {
            throw invalid(option + " must be whole seconds, got " + value.toMillis() + "ms");
        }
        return value.toSeconds();
    }

    @Override
    MaintenanceClient.Answer call(MaintenanceClient client, Set<String> hosts)
            throws SchedulerException {
        return client.slaDrainHosts(hosts, policy, timeout.toSeconds());
    }
}
