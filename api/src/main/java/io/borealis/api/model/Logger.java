/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code Logger}. */
public record Logger(
        LoggerDestination destination,
        LoggerMode mode,
        long rotateLogSizeBytes,
        int rotateBackups) {
    public Logger {
        Objects.requireNonNull(destination, "destination is null");
        Objects.requireNonNull(mode, "mode is null");
    }
}
