package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

/**
 * One run of a process. Times are epoch millis, 0 when unknown; {@code durationMillis} runs to
 * now while the run is live.
 *
 * @param stdout sandbox-relative path of the run's stdout ({@code .logs/PROCESS/RUN/stdout})
 * @param stderr sandbox-relative path of the run's stderr
 * @param resources use by this run's process tree, or {@link ResourceUse#NONE} when not running
 */
public record RunView(
        int run,
        String state,
        boolean live,
        Long pid,
        Integer exitCode,
        long startTime,
        long stopTime,
        long durationMillis,
        String message,
        String stdout,
        String stderr,
        ResourceUse resources) {
    public RunView {
        requireNonNull(state, "state is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
        requireNonNull(resources, "resources is null");
    }
}
