package io.borealis.executor.launch;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.LoggerDestination;
import io.borealis.executor.sandbox.Account;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything needed to start one run of one process.
 *
 * @param cmdline the resolved command line, run by {@code bash -c}
 * @param environment the complete environment of the process (nothing else is inherited)
 * @param stdout where standard output goes when {@code destination} writes files
 * @param stderr where standard error goes when {@code destination} writes files
 * @param account the account to run as; null runs the process as the executor's own user
 * @param rotation how the log files rotate; null for Thermos's {@code standard} mode (unbounded)
 */
public record LaunchSpec(
        String taskId,
        String process,
        int run,
        String cmdline,
        Path workingDirectory,
        Map<String, String> environment,
        LoggerDestination destination,
        Path stdout,
        Path stderr,
        Account account,
        LogRotation rotation) {
    public LaunchSpec {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(process, "process is null");
        requireNonNull(cmdline, "cmdline is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(destination, "destination is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    /** A run as the executor's own user with unbounded log files. */
    public LaunchSpec(String taskId, String process, int run, String cmdline,
            Path workingDirectory, Map<String, String> environment,
            LoggerDestination destination, Path stdout, Path stderr) {
        this(taskId, process, run, cmdline, workingDirectory, environment, destination, stdout,
                stderr, null, null);
    }
}
