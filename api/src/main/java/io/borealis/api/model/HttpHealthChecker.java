/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code HttpHealthChecker}. */
public record HttpHealthChecker(
        String endpoint,
        String expectedResponse,
        int expectedResponseCode) {
    public HttpHealthChecker {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(expectedResponse, "expectedResponse is null");
    }
}
