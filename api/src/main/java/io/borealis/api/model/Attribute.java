/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;
import java.util.Set;

/** Mirrors Thrift {@code Attribute}. */
public record Attribute(
        String name,
        Set<String> values) {
    public Attribute {
        Objects.requireNonNull(name, "name is null");
        values = Copies.set(values, "values");
    }
}
