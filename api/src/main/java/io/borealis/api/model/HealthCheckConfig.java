/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

/** Mirrors Thrift {@code HealthCheckConfig}. Nullable: {@code http}, {@code shell}. */
public record HealthCheckConfig(
        HttpHealthChecker http,
        ShellHealthChecker shell,
        double initialIntervalSecs,
        double intervalSecs,
        int maxConsecutiveFailures,
        int minConsecutiveSuccesses,
        double timeoutSecs) {
}
