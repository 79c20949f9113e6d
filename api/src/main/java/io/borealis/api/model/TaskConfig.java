/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Mirrors Thrift {@code TaskConfig}. Nullable: {@code tier}, {@code container}, {@code contact}, {@code announce}, {@code partitionPolicy}, {@code slaPolicy}. */
public record TaskConfig(
        JobKey job,
        boolean isService,
        int priority,
        boolean production,
        String tier,
        int maxTaskFailures,
        Resources resources,
        List<Constraint> constraints,
        Set<String> requestedPorts,
        TaskSpec task,
        DockerContainer container,
        List<Metadata> metadata,
        String contact,
        Announcer announce,
        PartitionPolicy partitionPolicy,
        SlaPolicy slaPolicy) {
    public TaskConfig {
        Objects.requireNonNull(job, "job is null");
        Objects.requireNonNull(resources, "resources is null");
        constraints = Copies.list(constraints, "constraints");
        requestedPorts = Copies.set(requestedPorts, "requestedPorts");
        Objects.requireNonNull(task, "task is null");
        metadata = Copies.list(metadata, "metadata");
    }

    /** The attribute name of Aurora's dedicated-host constraint. */
    public static final String DEDICATED_ATTRIBUTE = "dedicated";

    /** Whether the job runs only on dedicated hosts (a {@code dedicated} constraint). */
    public boolean isDedicated() {
        return constraints.stream().anyMatch(c -> DEDICATED_ATTRIBUTE.equals(c.attribute()));
    }
}
