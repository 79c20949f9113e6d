package io.borealis.observer.metrics;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Suppliers;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.ProcessState;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.observer.checkpoint.ObservedTask;
import io.borealis.observer.checkpoint.WorkDir;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The observer's metrics registry (observer/README.md, Metrics, lists the series). Gauges look
 * at the host through one snapshot of every task's checkpoint, taken at most every
 * {@link #SNAPSHOT_MAX_AGE} however many gauges a scrape reads, and timed as
 * {@code borealis_observer_sampling_seconds}. One per observer process. Thread-safe.
 */
public final class ObserverMetrics implements AutoCloseable {
    static final Duration SNAPSHOT_MAX_AGE = Duration.ofSeconds(2);
    /** The state shown for a task whose executor has not recorded one yet (as the pages do). */
    static final String NO_STATE_YET = "STARTING";

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Timer sampling;

    /** What one look at the host found. */
    record HostSnapshot(Map<String, Long> tasksByState, Map<ProcessState, Long> processes) {}

    public ObserverMetrics(WorkDir workDir) {
        requireNonNull(workDir, "workDir is null");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        sampling = Timer.builder("borealis.observer.sampling")
                .description("Time to read every task's checkpoint on this host once")
                .register(registry);
        Supplier<HostSnapshot> host = Suppliers.memoizeWithExpiration(
                () -> sampling.record(() -> snapshot(workDir.readAll())),
                SNAPSHOT_MAX_AGE.toMillis(), TimeUnit.MILLISECONDS);
        List<String> states = new ArrayList<>();
        states.add(NO_STATE_YET);
        for (TaskState state : TaskState.values()) {
            states.add(state.name());
        }
        for (String state : states) {
            Gauge.builder("borealis.observer.tasks", host,
                            h -> h.get().tasksByState().getOrDefault(state, 0L))
                    .description("Tasks on this host by their checkpoint's state")
                    .tag("state", state).strongReference(true).register(registry);
        }
        for (ProcessState state : ProcessState.values()) {
            Gauge.builder("borealis.observer.processes", host,
                            h -> h.get().processes().getOrDefault(state, 0L))
                    .description("Processes of active tasks on this host by the state of "
                            + "their latest run")
                    .tag("state", state.name()).strongReference(true).register(registry);
        }
    }

    /** Counts tasks by state and active tasks' processes by their latest run's state. */
    static HostSnapshot snapshot(List<ObservedTask> tasks) {
        Map<String, Long> byState = new HashMap<>();
        Map<ProcessState, Long> processes = new HashMap<>();
        for (ObservedTask task : tasks) {
            CheckpointState checkpoint = task.checkpoint();
            TaskState state = checkpoint.state();
            byState.merge(state == null ? NO_STATE_YET : state.name(), 1L, Long::sum);
            if (state != null && state.isTerminal()) {
                continue;
            }
            checkpoint.processes().values().forEach(runs -> {
                if (!runs.isEmpty()) {
                    processes.merge(runs.get(runs.size() - 1).state(), 1L, Long::sum);
                }
            });
        }
        return new HostSnapshot(Map.copyOf(byState), Map.copyOf(processes));
    }

    /** Times one HTTP request by method and response status. */
    void request(String method, int status, long nanos) {
        String shown = switch (method) {
            case "GET", "HEAD", "POST" -> method;
            default -> "OTHER"; // no caller adds series at will
        };
        Timer.builder("borealis.observer.http.requests")
                .description("HTTP requests served, by method and status")
                .tags("method", shown, "status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Every meter in Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
