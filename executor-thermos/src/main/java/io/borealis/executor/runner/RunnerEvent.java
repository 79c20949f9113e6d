package io.borealis.executor.runner;

import io.borealis.executor.launch.RunHandle;

/** What wakes the runner thread. Produced on any thread, consumed on the runner thread. */
sealed interface RunnerEvent {
    /** A run's top process ended; {@code exitCode} is null if its end could not be observed. */
    record Exited(RunHandle run, Integer exitCode, String error) implements RunnerEvent {}

    /** Someone asked for the task to be killed (SIGTERM to the executor, or the agent). */
    record KillRequested(String reason) implements RunnerEvent {}
}
