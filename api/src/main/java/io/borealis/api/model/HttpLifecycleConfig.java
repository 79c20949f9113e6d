/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/** Mirrors Thrift {@code HttpLifecycleConfig}. */
public record HttpLifecycleConfig(
        String port,
        List<String> gracefulShutdownEndpoints,
        List<String> shutdownEndpoints,
        int gracefulShutdownWaitSecs,
        int shutdownWaitSecs) {
    public HttpLifecycleConfig {
        Objects.requireNonNull(port, "port is null");
        gracefulShutdownEndpoints = Copies.list(gracefulShutdownEndpoints, "gracefulShutdownEndpoints");
        shutdownEndpoints = Copies.list(shutdownEndpoints, "shutdownEndpoints");
    }
}
