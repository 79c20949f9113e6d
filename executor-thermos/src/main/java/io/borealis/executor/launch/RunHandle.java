package io.borealis.executor.launch;

import static java.util.Objects.requireNonNull;

/**
 * A started run of a process.
 *
 * @param pid the pid of the run's top process, which leads its own session and process group
 * @param startMillis when it was started, epoch milliseconds
 */
public record RunHandle(String taskId, String process, int run, long pid, long startMillis) {
    public RunHandle {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(process, "process is null");
    }
}
