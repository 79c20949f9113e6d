package io.borealis.scheduler.app;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.scheduling.RoundPlanner;
import io.borealis.scheduler.tier.Tiers;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything the scheduler is configured with. Flags (scheduler/README.md) set the first four,
 * the heartbeat interval, the agent timeout, the lifecycle timings, the tiers and the
 * preemption delay; the rest have the
 * defaults of {@link #defaults} and are set by tests.
 *
 * @param home state directory: the database lives in {@code HOME/db}
 * @param httpPort port to serve on; 0 picks a free one
 * @param cluster the cluster's name, returned with every response
 * @param publicUrl how others reach this scheduler; null means {@code http://HOSTNAME:PORT}
 * @param heartbeatInterval how often agents are told to heartbeat
 * @param agentTimeout an agent silent this long is declared lost (its tasks go LOST or
 *     PARTITIONED); at least twice the heartbeat interval
 * @param assignedGrace an ASSIGNED task its agent does not report goes LOST after this long
 * @param schedulingTick the scheduling loop runs at least this often
 * @param agentCheckInterval how often silent agents are looked for
 * @param lifecycle flapping penalty, transient timeout, kill retries, history pruning
 * @param tiers the tiers jobs may name ({@code --tier-config}; default Aurora's)
 * @param preemptionDelay how long a task waits PENDING before it may preempt
 *     ({@code --preemption-delay})
 * @param database where the state lives ({@code --db-url}; default embedded H2 in HOME/db)
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
        LifecycleConfig lifecycle,
        Tiers tiers,
        Duration preemptionDelay,
        Database database) {
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
        requireNonNull(lifecycle, "lifecycle is null");
        requireNonNull(tiers, "tiers is null");
        requireNonNull(preemptionDelay, "preemptionDelay is null");
        requireNonNull(database, "database is null");
        if (preemptionDelay.isNegative()) {
            throw new IllegalArgumentException("preemption delay must not be negative, got "
                    + preemptionDelay);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive");
        }
        if (agentTimeout.toMillis() > Integer.MAX_VALUE) {
            // Agents are told the timeout in an i32 of milliseconds.
            throw new IllegalArgumentException("agent timeout " + agentTimeout.toDays()
                    + " days is longer than the 24 days agents can be told");
        }
        if (agentTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("agent timeout " + millis(agentTimeout)
                    + " must be at least twice the heartbeat interval "
                    + millis(heartbeatInterval) + ", or one late heartbeat loses an agent");
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

    private static String millis(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * The defaults, with {@code home}. Agents heartbeat every 2 s and are declared lost after
     * 10 s of silence, checked every second: a dead agent's tasks are replaced within about
     * 11 s of its last heartbeat (scheduler/README.md, "Agent loss").
     */
    public static SchedulerConfig defaults(Path home) {
        return new SchedulerConfig(home, DEFAULT_HTTP_PORT, DEFAULT_CLUSTER, null,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(1), LifecycleConfig.DEFAULTS,
                Tiers.auroraDefaults(), RoundPlanner.Settings.DEFAULT_PREEMPTION_DELAY,
                Database.EMBEDDED);
    }

    public SchedulerConfig withHttpPort(int port) {
        return new SchedulerConfig(home, port, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, lifecycle,
                tiers, preemptionDelay, database);
    }

    public SchedulerConfig withCluster(String name) {
        return new SchedulerConfig(home, httpPort, name, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, lifecycle,
                tiers, preemptionDelay, database);
    }

    public SchedulerConfig withPublicUrl(@Nullable String url) {
        return new SchedulerConfig(home, httpPort, cluster, url, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, lifecycle,
                tiers, preemptionDelay, database);
    }

    public SchedulerConfig withAgentTimings(Duration timeout, Duration grace, Duration check) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                timeout, grace, schedulingTick, check, lifecycle, tiers, preemptionDelay,
                database);
    }

    /**
     * Agents heartbeat every {@code interval} and are declared lost after {@code timeout}
     * of silence; silent agents are looked for every fifth of the timeout, at least every second.
     */
    public SchedulerConfig withAgentLiveness(Duration interval, Duration timeout) {
        Duration check = timeout.dividedBy(5);
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, interval, timeout,
                assignedGrace, schedulingTick,
                check.compareTo(Duration.ofSeconds(1)) < 0 ? check : Duration.ofSeconds(1),
                lifecycle, tiers, preemptionDelay, database);
    }

    public SchedulerConfig withLifecycle(LifecycleConfig settings) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, settings, tiers,
                preemptionDelay, database);
    }

    public SchedulerConfig withTiers(Tiers newTiers) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, lifecycle,
                newTiers, preemptionDelay, database);
    }

    public SchedulerConfig withPreemptionDelay(Duration delay) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, lifecycle, tiers,
                delay, database);
    }

    public SchedulerConfig withDatabase(Database database) {
        return new SchedulerConfig(home, httpPort, cluster, publicUrl, heartbeatInterval,
                agentTimeout, assignedGrace, schedulingTick, agentCheckInterval, lifecycle, tiers,
                preemptionDelay, database);
    }

    /**
     * The database's URL: {@code --db-url}, or {@code jdbc:h2:file:HOME/db/borealis}. H2's own
     * close-at-exit hook is off: the scheduler's shutdown closes the database after the loops and
     * HTTP have stopped, not while they write.
     */
    public String jdbcUrl() {
        if (database.url() != null) {
            return database.url();
        }
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("borealis")
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
