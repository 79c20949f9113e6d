/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code Process}. */
public record Process(
        String name,
        String cmdline,
        int maxFailures,
        boolean daemon,
        boolean ephemeral,
        int minDurationSecs,
        boolean isFinal,
        Logger logger) {
    public Process {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(cmdline, "cmdline is null");
        Objects.requireNonNull(logger, "logger is null");
    }
}
