/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

/** Mirrors Thrift union {@code SlaPolicy}: exactly one component is set. */
public record SlaPolicy(
        CountSlaPolicy count,
        PercentageSlaPolicy percentage,
        CoordinatorSlaPolicy coordinator) {
    public SlaPolicy {
        if ((count == null ? 0 : 1) + (percentage == null ? 0 : 1) + (coordinator == null ? 0 : 1) != 1) {
            throw new IllegalArgumentException("exactly one of count, percentage, coordinator must be set");
        }
    }
}
