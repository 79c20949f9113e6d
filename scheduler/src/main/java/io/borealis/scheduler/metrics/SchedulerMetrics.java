package io.borealis.scheduler.metrics;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Suppliers;
import io.borealis.api.model.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The scheduler's metrics registry and the names of its meters (scheduler/README.md, Metrics,
 * lists them as Prometheus shows them). One per scheduler process, built first by the
 * composition root and closed last.
 *
 * <p>Meters that later work increments are registered here at zero, so that dashboards and
 * alerts can be written now: {@link #updateStarted}, {@link #updateEnded}, {@link #cronTriggered},
 * {@link #cronLaunchFailed}, {@link #cronCollision}. Thread-safe.
 */
public final class SchedulerMetrics implements AutoCloseable {
    /** Latency buckets of API calls and storage writes, in seconds, as Prometheus shows them. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};
    /** Task counts are read from storage at most this often, however many gauges ask. */
    private static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter placements;
    private final Counter updatesStarted;
    private final Map<UpdateEnd, Counter> updatesEnded = new EnumMap<>(UpdateEnd.class);
    private final Counter cronTriggered;
    private final Counter cronLaunchFailures;
    private final Counter cronCollisions;
    /** What function meters read, held here: Micrometer holds them only weakly. */
    private final List<Object> watched = new CopyOnWriteArrayList<>();

    public SchedulerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        placements = Counter.builder("borealis.placements")
                .description("Tasks placed on an agent (PENDING -> ASSIGNED) by the scheduling loop")
                .register(registry);
        updatesStarted = Counter.builder("borealis.updates.started")
                .description("Job updates started").register(registry);
        for (UpdateEnd end : UpdateEnd.values()) {
            updatesEnded.put(end, Counter.builder("borealis.updates.ended")
                    .description("Job updates that reached a terminal state, by that state")
                    .tag("status", end.name()).register(registry));
        }
        cronTriggered = Counter.builder("borealis.cron.triggered")
                .description("Cron job runs the cron schedule started").register(registry);
        cronLaunchFailures = Counter.builder("borealis.cron.launch.failures")
                .description("Cron job runs that could not be started").register(registry);
        cronCollisions = Counter.builder("borealis.cron.collisions")
                .description("Cron job runs that found the previous run still active")
                .register(registry);
    }

    /** The registry, for decorators of this package and for tests. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus text format (version 0.0.4), as {@code GET /metrics} serves. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Gauges over the cluster's state, read when scraped.
     *
     * @param tasksByStatus stored tasks by status (active and ended); read at most once a second
     * @param registeredAgents agents registered now
     * @param lostAgents agents declared lost since this scheduler started (a running count)
     * @param leading whether this scheduler leads
     */
    public void watchCluster(Supplier<Map<TaskStatus, Long>> tasksByStatus,
            LongSupplier registeredAgents, LongSupplier lostAgents, BooleanSupplier leading) {
        requireNonNull(tasksByStatus, "tasksByStatus is null");
        Supplier<Map<TaskStatus, Long>> counts = Suppliers.memoizeWithExpiration(
                tasksByStatus::get, COUNTS_MAX_AGE.toMillis(), TimeUnit.MILLISECONDS);
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("borealis.tasks", counts, c -> c.get().getOrDefault(status, 0L))
                    .description("Stored tasks by state").tag("state", status.name())
                    .strongReference(true).register(registry);
        }
        Gauge.builder("borealis.tasks.pending", counts,
                        c -> c.get().getOrDefault(TaskStatus.PENDING, 0L))
                .description("Tasks waiting to be placed").strongReference(true)
                .register(registry);
        Gauge.builder("borealis.agents", registeredAgents, LongSupplier::getAsLong)
                .description("Agents by state: registered now").tag("state", "registered")
                .strongReference(true).register(registry);
        watched.add(lostAgents); // a function counter holds its object weakly
        FunctionCounter.builder("borealis.agents.lost", lostAgents, LongSupplier::getAsLong)
                .description("Agents declared lost (silent too long) since the scheduler started")
                .register(registry);
        Gauge.builder("borealis.scheduler.leader", leading, l -> l.getAsBoolean() ? 1 : 0)
                .description("1 while this scheduler leads").strongReference(true)
                .register(registry);
    }

    /** The latency of API calls, by service, method and outcome (a ResponseCode or worse). */
    Timer apiCall(String service, String method, String outcome) {
        return Timer.builder("borealis.api.calls")
                .description("Thrift API calls by service, method and outcome")
                .tags("service", service, "method", method, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** The latency of storage writes (one unit of work each), by outcome. */
    Timer storageWrite(String outcome) {
        return Timer.builder("borealis.storage.writes")
                .description("Storage writes (units of work), commit included, by outcome")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Counts {@code count} tasks placed on agents. */
    public void placed(int count) {
        placements.increment(count);
    }

    /** Counts a job update started. */
    public void updateStarted() {
        updatesStarted.increment();
    }

    /** Counts a job update that ended as {@code end}. */
    public void updateEnded(UpdateEnd end) {
        updatesEnded.get(requireNonNull(end, "end is null")).increment();
    }

    /** Counts a cron run started by its schedule. */
    public void cronTriggered() {
        cronTriggered.increment();
    }

    /** Counts a cron run that could not be started. */
    public void cronLaunchFailed() {
        cronLaunchFailures.increment();
    }

    /** Counts a cron run that found its previous run still active. */
    public void cronCollision() {
        cronCollisions.increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
