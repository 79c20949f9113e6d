package io.borealis.scheduler.app;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.lifecycle.HistoryPruner;
import io.borealis.scheduler.lifecycle.TaskTimers;
import io.borealis.scheduler.state.Flapping;
import java.time.Duration;

/**
 * The task lifecycle's timings (scheduler/README.md, "Lifecycle flags"): flapping penalty,
 * transient timeout and kill retries, history pruning.
 */
public record LifecycleConfig(
        Flapping.Settings flapping,
        TaskTimers.Settings timers,
        HistoryPruner.Settings history) {
    /** Aurora's defaults, except a faster first kill retry (5 s; Aurora 15 s). */
    public static final LifecycleConfig DEFAULTS = new LifecycleConfig(
            Flapping.Settings.DEFAULTS,
            new TaskTimers.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(1)),
            new HistoryPruner.Settings(Duration.ofDays(2), 100, Duration.ofHours(1),
                    Duration.ofMinutes(5)));

    public LifecycleConfig {
        requireNonNull(flapping, "flapping is null");
        requireNonNull(timers, "timers is null");
        requireNonNull(history, "history is null");
    }
}
