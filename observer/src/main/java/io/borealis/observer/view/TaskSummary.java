package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

/**
 * One line of the task list.
 *
 * @param job {@code role/environment/name}, or null when {@code task.json} is unreadable
 * @param instance the instance number, or null when unknown
 * @param state the checkpoint's task state, or {@code STARTING} before the executor wrote one
 * @param active the task has not reached a terminal state
 * @param startTime epoch millis the executor started (or the task directory appeared)
 */
public record TaskSummary(
        String taskId,
        String job,
        Integer instance,
        String state,
        boolean active,
        long startTime,
        ResourceUse resources) {
    public TaskSummary {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(state, "state is null");
        requireNonNull(resources, "resources is null");
    }
}
