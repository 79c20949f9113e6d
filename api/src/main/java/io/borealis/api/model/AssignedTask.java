/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Map;
import java.util.Objects;

/** Mirrors Thrift {@code AssignedTask}. Nullable: {@code agentId}, {@code agentHost}. */
public record AssignedTask(
        String taskId,
        String agentId,
        String agentHost,
        TaskConfig task,
        Map<String, Integer> assignedPorts,
        int instanceId) {
    public AssignedTask {
        Objects.requireNonNull(taskId, "taskId is null");
        Objects.requireNonNull(task, "task is null");
        assignedPorts = Copies.map(assignedPorts, "assignedPorts");
    }
}
