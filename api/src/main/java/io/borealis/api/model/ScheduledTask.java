/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/** Mirrors Thrift {@code ScheduledTask}. Nullable: {@code ancestorId}, {@code observerUrl}. */
public record ScheduledTask(
        AssignedTask assignedTask,
        TaskStatus status,
        int failureCount,
        List<TaskEvent> taskEvents,
        String ancestorId,
        String observerUrl) {
    public ScheduledTask {
        Objects.requireNonNull(assignedTask, "assignedTask is null");
        Objects.requireNonNull(status, "status is null");
        taskEvents = Copies.list(taskEvents, "taskEvents");
    }
}
