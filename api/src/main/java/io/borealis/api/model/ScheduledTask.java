/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/**
 * Mirrors Thrift {@code ScheduledTask}. Nullable: {@code ancestorId}, {@code observerUrl},
 * {@code usage} (set only for active tasks whose agent has reported a sample).
 */
public record ScheduledTask(
        AssignedTask assignedTask,
        TaskStatus status,
        int failureCount,
        List<TaskEvent> taskEvents,
        String ancestorId,
        String observerUrl,
        TaskUsage usage) {
    public ScheduledTask {
        Objects.requireNonNull(assignedTask, "assignedTask is null");
        Objects.requireNonNull(status, "status is null");
        taskEvents = Copies.list(taskEvents, "taskEvents");
    }

    /** A task without a usage sample. */
    public ScheduledTask(AssignedTask assignedTask, TaskStatus status, int failureCount,
            List<TaskEvent> taskEvents, String ancestorId, String observerUrl) {
        this(assignedTask, status, failureCount, taskEvents, ancestorId, observerUrl, null);
    }

    /** A copy carrying {@code newUsage} (null = none). */
    public ScheduledTask withUsage(TaskUsage newUsage) {
        return new ScheduledTask(assignedTask, status, failureCount, taskEvents, ancestorId,
                observerUrl, newUsage);
    }
}
