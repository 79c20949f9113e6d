package io.borealis.api.validation;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a configuration.
 *
 * @param path the field, named by the model's record components from the job configuration
 *     down; the fields of its one {@code TaskConfig} are named without a prefix
 *     ({@code instanceCount}, {@code resources.cpu}, {@code task.processes[1].cmdline},
 *     {@code updateSettings.batchSize})
 * @param message what is wrong, written to follow the path: {@code must be positive, got 0}
 */
public record Problem(String path, String message) {
    public Problem {
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    /** {@code instanceCount must be positive, got 0}: how the scheduler reports it. */
    @Override
    public String toString() {
        return path + " " + message;
    }
}
