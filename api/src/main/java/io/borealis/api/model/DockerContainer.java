/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/** Mirrors Thrift {@code DockerContainer}. */
public record DockerContainer(
        String image,
        List<DockerParameter> parameters,
        List<Volume> volumes) {
    public DockerContainer {
        Objects.requireNonNull(image, "image is null");
        parameters = Copies.list(parameters, "parameters");
        volumes = Copies.list(volumes, "volumes");
    }
}
