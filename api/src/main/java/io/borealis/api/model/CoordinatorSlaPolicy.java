/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code CoordinatorSlaPolicy}. */
public record CoordinatorSlaPolicy(
        String coordinatorUrl,
        String statusKey) {
    public CoordinatorSlaPolicy {
        Objects.requireNonNull(coordinatorUrl, "coordinatorUrl is null");
        Objects.requireNonNull(statusKey, "statusKey is null");
    }
}
