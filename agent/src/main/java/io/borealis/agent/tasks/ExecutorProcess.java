package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The executor of one task: either a child this agent spawned (its exit status is known), or one
 * adopted after an agent restart by its pid (exit status unknown; identity checked through
 * {@link HostProcesses#isTaskProcess}, since pids are reused).
 *
 * <p>Thread-safe; signals to a process that is gone are ignored.
 */
final class ExecutorProcess {
    private final String taskId;
    private final long pid;
    private final Process child;

    private ExecutorProcess(String taskId, long pid, Process child) {
        this.taskId = requireNonNull(taskId, "taskId is null");
        this.pid = pid;
        this.child = child;
    }

    static ExecutorProcess spawned(String taskId, Process child) {
        return new ExecutorProcess(taskId, child.pid(), child);
    }

    static ExecutorProcess adopted(String taskId, long pid) {
        return new ExecutorProcess(taskId, pid, null);
    }

    long pid() {
        return pid;
    }

    boolean isAlive() {
        return child != null ? child.isAlive() : HostProcesses.isTaskProcess(pid, taskId);
    }

    /** The exit status, once a spawned executor has exited; empty for adopted ones. */
    Optional<Integer> exitStatus() {
        return child != null && !child.isAlive() ? Optional.of(child.exitValue()) : Optional.empty();
    }

    /** SIGTERM: asks the executor to stop the task gracefully. */
    void terminate() {
        if (child != null) {
            child.destroy();
        } else if (isAlive()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    /** SIGKILL. */
    void destroy() {
        if (child != null) {
            child.destroyForcibly();
        } else if (isAlive()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
