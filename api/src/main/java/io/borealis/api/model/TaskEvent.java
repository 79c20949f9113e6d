/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code TaskEvent}. Nullable: {@code message}, {@code scheduler}. */
public record TaskEvent(
        long timestamp,
        TaskStatus status,
        String message,
        String scheduler) {
    public TaskEvent {
        Objects.requireNonNull(status, "status is null");
    }
}
