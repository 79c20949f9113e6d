/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/** Mirrors Thrift {@code AgentInfo}. Nullable: {@code observerUrl}. */
public record AgentInfo(
        String agentId,
        String host,
        String endpoint,
        Resources resources,
        List<PortRange> portRanges,
        List<Attribute> attributes,
        String observerUrl) {
    public AgentInfo {
        Objects.requireNonNull(agentId, "agentId is null");
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(resources, "resources is null");
        portRanges = Copies.list(portRanges, "portRanges");
        attributes = Copies.list(attributes, "attributes");
    }
}
