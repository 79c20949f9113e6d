/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Map;
import java.util.Objects;

/** Mirrors Thrift {@code Announcer}. */
public record Announcer(
        String primaryPort,
        Map<String, String> portmap) {
    public Announcer {
        Objects.requireNonNull(primaryPort, "primaryPort is null");
        portmap = Copies.map(portmap, "portmap");
    }
}
