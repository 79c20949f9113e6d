package io.borealis.cli.command;

import io.borealis.api.model.TaskStatus;
import io.borealis.cli.transport.InstanceTask;
import java.util.List;

/** What {@code job create --wait-until} waits for, per instance (Aurora's JobMonitor). */
public enum WaitTarget {
    /** Nothing: the scheduler has accepted the job, so its tasks are at least PENDING. */
    PENDING,
    /** Every instance RUNNING, or already finished (it will not get to RUNNING otherwise). */
    RUNNING,
    /** Every instance in a terminal state with no active task left. */
    FINISHED;

    /** Whether instance {@code instance} has reached this target among {@code tasks}. */
    boolean reached(int instance, List<InstanceTask> tasks) {
        List<TaskStatus> states = tasks.stream().filter(t -> t.instance() == instance)
                .map(t -> t.task().status()).toList();
        return switch (this) {
            case PENDING -> !states.isEmpty();
            case RUNNING -> states.stream()
                    .anyMatch(s -> s == TaskStatus.RUNNING || s.isTerminal());
            case FINISHED -> !states.isEmpty() && states.stream().allMatch(TaskStatus::isTerminal);
        };
    }
}
