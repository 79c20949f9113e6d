package io.borealis.scheduler.app;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.lifecycle.HistoryPruner;
import io.borealis.scheduler.lifecycle.TaskTimers;
import io.borealis.scheduler.state.Flapping;
import java.time.Duration;

/**
 * The task lifecycle's timings (scheduler/README.md, "Lifecycle flags"): flapping penalty,
 * transient timeout and kill retries, history pruning, and how often host drains are carried
 * forward ({@code maintenanceInterval}, scheduler/README.md "Host maintenance").
 */
public record LifecycleConfig(
        Flapping.Settings flapping,
        TaskTimers.Settings timers,
        HistoryPruner.Settings history,
        Duration maintenanceInterval) {
    /** How often drains are carried forward by default (Aurora: 1 min). */
    public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofSeconds(5);

    /** Aurora's defaults, except a faster first kill retry (5 s; Aurora 15 s). */
    public static final LifecycleConfig DEFAULTS = new LifecycleConfig(
            Flapping.Settings.DEFAULTS,
            new TaskTimers.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(1)),
            new HistoryPruner.Settings(Duration.ofDays(2), 100, Duration.ofHours(1),
                    Duration.ofMinutes(5)), DEFAULT_MAINTENANCE_INTERVAL);

    /** With the default maintenance interval. */
    public LifecycleConfig(Flapping.Settings flapping, TaskTimers.Settings timers,
            HistoryPruner.Settings history) {
        this(flapping, timers, history, DEFAULT_MAINTENANCE_INTERVAL);
    }

    public LifecycleConfig {
        requireNonNull(flapping, "flapping is null");
        requireNonNull(timers, "timers is null");
        requireNonNull(history, "history is null");
        requireNonNull(maintenanceInterval, "maintenanceInterval is null");
        if (maintenanceInterval.isNegative() || maintenanceInterval.isZero()) {
            throw new IllegalArgumentException("--host-maintenance-interval must be positive, got "
                    + maintenanceInterval.toMillis() + " ms");
        }
    }
}
