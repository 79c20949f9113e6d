/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code TaskStatusUpdate}. Nullable: {@code message}. */
public record TaskStatusUpdate(
        String taskId,
        TaskStatus status,
        long timestamp,
        String message,
        long seq) {
    public TaskStatusUpdate {
        Objects.requireNonNull(taskId, "taskId is null");
        Objects.requireNonNull(status, "status is null");
    }
}
