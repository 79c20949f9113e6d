/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/** Mirrors Thrift {@code TaskSpec}. Nullable: {@code healthCheck}, {@code lifecycle}. */
public record TaskSpec(
        String name,
        List<Process> processes,
        List<List<String>> orderConstraints,
        int maxFailures,
        int maxConcurrency,
        int finalizationWaitSecs,
        HealthCheckConfig healthCheck,
        HttpLifecycleConfig lifecycle) {
    public TaskSpec {
        Objects.requireNonNull(name, "name is null");
        processes = Copies.list(processes, "processes");
        orderConstraints = Copies.list(orderConstraints, "orderConstraints");
    }
}
