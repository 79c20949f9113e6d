/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code Volume}. */
public record Volume(
        String containerPath,
        String hostPath,
        VolumeMode mode) {
    public Volume {
        Objects.requireNonNull(containerPath, "containerPath is null");
        Objects.requireNonNull(hostPath, "hostPath is null");
        Objects.requireNonNull(mode, "mode is null");
    }
}
