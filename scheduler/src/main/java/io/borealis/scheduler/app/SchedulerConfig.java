package io.borealis.scheduler.app;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.scheduling.RoundPlanner;
import io.borealis.scheduler.tier.Tiers;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything the scheduler is configured with. Flags set the first four; the timings have the
 * defaults of docs/internals.md and are set by tests.
 *
 * @param home state directory: the database lives in {@code HOME/db}
 * @param httpPort port to serve on; 0 picks a free one
 * @param cluster the cluster's name, returned with every response
 * @param publicUrl how others reach this scheduler; null means {@code http://HOSTNAME:PORT}
 * @param heartbeatInterval how often agents are told to heartbeat
 * @param agentTimeout an agent silent this long is given up on (its tasks go LOST)
 * @param assignedGrace an ASSIGNED task its agent does not report goes LOST after this long
 * @param schedulingTick the scheduling loop runs at least this often
 * @param agentCheckInterval how often silent agents are looked for
 * @param tiers the tiers jobs may name ({@code --tier-config}; default Aurora's)
 * @param preemptionDelay how long a task waits PENDING before it may preempt
 *     ({@code --preemption-delay})
 */
public record SchedulerConfig(
        Path home,
        int httpPort,
        String cluster,
        @Nullable String publicUrl,
        Duration heartbeatInterval,
        Duration agentTimeout,
        Duration assignedGrace,
        Duration schedulingTick,
        Duration agentCheckInterval,
        Tiers tiers,
        Duration preemptionDelay) {
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final String DEFAULT_CLUSTER = "devcluster";

    public SchedulerConfig {
        requireNonNull(home, "home is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(agentTimeout, "agentTimeout is null");
        requireNonNull(assignedGrace, "assignedGrace is null");
        requireNonNull(schedulingTick, "schedulingTick is null");
        requireNonNull(agentCheckInterval, "agentCheckInterval is null");
        requireNonNull(tiers, "tiers is null");
        requireNonNull(preemptionDelay, "preemptionDelay is null");
        if (preemptionDelay.isNegative()) {
            throw new IllegalArgumentException("preemption delay must not be negative, got "
                    + preemptionDelay);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0-65535, got " + httpPort);
        }
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("cluster must not be blank");
        }
        if (publicUrl != null && !publicUrl.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new IllegalArgumentException(
                    "public URL '" + publicUrl + "' is not an http(s) URL such as http://host:8081");
        }
    }

    /** The defaults, with {@code home}. */
    public static SchedulerConfig defaults(Path home) {
        return new SchedulerConfig(home, DEFAULT_HTTP_PORT, DEFAULT_CLUSTER, null,
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Tiers.auroraDefaults(),
                RoundPlanner.Settings.DEFAULT_PREEMPTION_DELAY);
    }

    public SchedulerConfig withHttpPort(int port) {
        return new SchedulerConfig(home, port, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, tiers,
                preemptionDelay);
    }

    public SchedulerConfig withCluster(String name) {
        return new SchedulerConfig(home, httpPort, name, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, tiers,
                preemptionDelay);
    }

    public SchedulerConfig withPublicUrl(@Nullable String url) {
        return new SchedulerConfig(home, httpPort, cluster, url, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, tiers,
                preemptionDelay);
    }

    public SchedulerConfig withAgentTimings(Duration timeout, Duration grace, Duration check) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                timeout, grace, schedulingTick, check, tiers, preemptionDelay);
    }

    public SchedulerConfig withTiers(Tiers newTiers) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, newTiers,
                preemptionDelay);
    }

    public SchedulerConfig withPreemptionDelay(Duration delay) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, tiers, delay);
    }

    /**
     * {@code jdbc:h2:file:HOME/db/borealis}. H2's own close-at-exit hook is off: the scheduler's
     * shutdown closes the database after the loops and HTTP have stopped, not while they write.
     */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("borealis")
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
