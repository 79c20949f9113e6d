/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;
import java.util.Set;

/** Mirrors Thrift {@code Constraint}. */
public record Constraint(
        String attribute,
        boolean negated,
        Set<String> values,
        int limit) {
    public Constraint {
        Objects.requireNonNull(attribute, "attribute is null");
        values = Copies.set(values, "values");
    }
}
