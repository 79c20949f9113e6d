/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/**
 * Mirrors Thrift {@code ScheduledTask}. Nullable: {@code ancestorId}, {@code observerUrl},
 * {@code usage} (set only for active tasks whose agent has reported a sample),
 * {@code pendingReason} (set only for PENDING tasks the scheduler could not place yet).
 */
public record ScheduledTask(
        AssignedTask assignedTask,
        TaskStatus status,
        int failureCount,
        List<TaskEvent> taskEvents,
        String ancestorId,
        String observerUrl,
        TaskUsage usage,
        String pendingReason) {
    public ScheduledTask {
        Objects.requireNonNull(assignedTask, "assignedTask is null");
        Objects.requireNonNull(status, "status is null");
        taskEvents = Copies.list(taskEvents, "taskEvents");
    }

    /** A task without a usage sample or pending reason. */
    public ScheduledTask(AssignedTask assignedTask, TaskStatus status, int failureCount,
            List<TaskEvent> taskEvents, String ancestorId, String observerUrl) {
        this(assignedTask, status, failureCount, taskEvents, ancestorId, observerUrl, null, null);
    }

    /** A copy carrying {@code newUsage} (null = none). */
    public ScheduledTask withUsage(TaskUsage newUsage) {
        return new ScheduledTask(assignedTask, status, failureCount, taskEvents, ancestorId,
                observerUrl, newUsage, pendingReason);
    }

    /** A copy carrying {@code reason} (null = none). */
    public ScheduledTask withPendingReason(String reason) {
        return new ScheduledTask(assignedTask, status, failureCount, taskEvents, ancestorId,
                observerUrl, usage, reason);
    }
}
