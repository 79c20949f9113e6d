/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Map;
import java.util.Objects;

/**
 * Mirrors Thrift {@code Announcer}.
 *
 * @param zkPath the ServerSet path the job's tasks are announced under (the DSL's
 *     {@code zk_path}); null for {@code /borealis/ROLE/ENV/JOB}. Checked by
 *     {@code JobConfigurationValidator} ({@code ZooKeepers.announcePathProblem}).
 */
public record Announcer(
        String primaryPort,
        Map<String, String> portmap,
        String zkPath) {
    public Announcer {
        Objects.requireNonNull(primaryPort, "primaryPort is null");
        portmap = Copies.map(portmap, "portmap");
    }
}
