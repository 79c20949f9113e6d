package io.borealis.executor.runner;

import io.borealis.api.checkpoint.TaskState;
import io.borealis.executor.launch.RunHandle;

/** What wakes the runner thread. Produced on any thread, consumed on the runner thread. */
sealed interface RunnerEvent {
    /** A run's top process ended; {@code exitCode} is null if its end could not be observed. */
    record Exited(RunHandle run, Integer exitCode, String error) implements RunnerEvent {}

    /**
     * The task is to be killed: someone asked (SIGTERM to the executor; {@code outcome} KILLED),
     * or a watcher found it unhealthy or over a limit ({@code outcome} FAILED).
     */
    record KillRequested(String reason, TaskState outcome) implements RunnerEvent {}

    /** The health monitor's verdict changed. */
    record HealthChanged(boolean healthy, String message) implements RunnerEvent {}
}
