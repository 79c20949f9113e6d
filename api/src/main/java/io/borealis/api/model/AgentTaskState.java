/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code AgentTaskState}. Nullable: {@code usage} (no sample yet). */
public record AgentTaskState(
        String taskId,
        TaskStatus status,
        TaskUsage usage) {
    public AgentTaskState {
        Objects.requireNonNull(taskId, "taskId is null");
        Objects.requireNonNull(status, "status is null");
    }

    /** A state without a resource sample. */
    public AgentTaskState(String taskId, TaskStatus status) {
        this(taskId, status, null);
    }
}
