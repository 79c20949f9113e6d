/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

/** Mirrors Thrift {@code VolumeMode}. */
public enum VolumeMode {
    RO,
    RW
}
