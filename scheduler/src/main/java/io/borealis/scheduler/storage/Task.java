package io.borealis.scheduler.storage;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.TaskStatus;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's record of one task: one run of one instance of a job. Immutable; a transition
 * produces a copy ({@link #withStatus}). Its history lives beside it as {@code TaskEvent}s.
 *
 * @param statusTimestamp when the task entered {@code status} (epoch millis)
 * @param ancestorId the task this one replaces, for a rescheduled task
 * @param agentId where the task was placed; null while it has never been placed
 * @param observerUrl the observer page base of the task's host, when placed
 */
public record Task(
        TaskId id,
        TaskConfig config,
        int instanceId,
        TaskStatus status,
        long statusTimestamp,
        int failureCount,
        @Nullable TaskId ancestorId,
        @Nullable String agentId,
        @Nullable String agentHost,
        Map<String, Integer> assignedPorts,
        @Nullable String observerUrl) {
    public Task {
        requireNonNull(id, "id is null");
        requireNonNull(config, "config is null");
        requireNonNull(status, "status is null");
        assignedPorts = Map.copyOf(requireNonNull(assignedPorts, "assignedPorts is null"));
        if (instanceId < 0) {
            throw new IllegalArgumentException("instanceId " + instanceId + " is negative");
        }
    }

    /** A task never placed, in {@code status} (INIT when it is about to be created). */
    public static Task unplaced(TaskId id, TaskConfig config, int instanceId, TaskStatus status,
            long timestamp, int failureCount, @Nullable TaskId ancestorId) {
        return new Task(id, config, instanceId, status, timestamp, failureCount, ancestorId,
                null, null, Map.of(), null);
    }

    public JobKey jobKey() {
        return config.job();
    }

    public boolean isActive() {
        return status.isActive();
    }

    public Task withStatus(TaskStatus newStatus, long timestamp) {
        return new Task(id, config, instanceId, newStatus, timestamp, failureCount, ancestorId,
                agentId, agentHost, assignedPorts, observerUrl);
    }

    public Task withFailureCount(int count) {
        return new Task(id, config, instanceId, status, statusTimestamp, count, ancestorId,
                agentId, agentHost, assignedPorts, observerUrl);
    }

    public Task withPlacement(String agent, String host, Map<String, Integer> ports,
            @Nullable String observer) {
        return new Task(id, config, instanceId, status, statusTimestamp, failureCount, ancestorId,
                requireNonNull(agent, "agent is null"), requireNonNull(host, "host is null"),
                ports, observer);
    }

    /** What the agent is told to run. */
    public AssignedTask toAssignedTask() {
        return new AssignedTask(id.value(), agentId, agentHost, config, assignedPorts, instanceId);
    }
}
