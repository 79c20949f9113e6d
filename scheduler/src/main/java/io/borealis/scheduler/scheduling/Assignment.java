package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.scheduler.storage.TaskId;
import java.util.Map;

/** A placement decision: run {@code taskId} on {@code agent} with these named ports. */
public record Assignment(TaskId taskId, AgentInfo agent, Map<String, Integer> ports) {
    public Assignment {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(agent, "agent is null");
        ports = Map.copyOf(requireNonNull(ports, "ports is null"));
    }
}
