/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code ShellHealthChecker}. */
public record ShellHealthChecker(
        String shellCommand) {
    public ShellHealthChecker {
        Objects.requireNonNull(shellCommand, "shellCommand is null");
    }
}
