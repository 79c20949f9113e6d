package io.borealis.observer.checkpoint;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.ResourceUsage;
import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.model.AssignedTask;
import java.util.Optional;

/**
 * One task directory as read at one moment.
 *
 * @param layout where the task's files are
 * @param assigned the task's {@code task.json}, or null when it is missing or unreadable
 * @param assignedProblem why {@code assigned} is null (a sentence for humans), or null
 * @param checkpoint the replayed checkpoint log; empty (no header, no state) before the executor
 *     has written anything
 * @param createdMillis when the task directory appeared, in epoch millis (its {@code task.json}
 *     modification time, else the directory's); used to order tasks without a checkpoint
 * @param resources the executor's latest resource sample ({@code resources.json}), however old,
 *     or null when there is none or it cannot be read
 */
public record ObservedTask(
        TaskLayout layout,
        AssignedTask assigned,
        String assignedProblem,
        CheckpointState checkpoint,
        long createdMillis,
        ResourceUsage resources) {
    public ObservedTask {
        requireNonNull(layout, "layout is null");
        requireNonNull(checkpoint, "checkpoint is null");
    }

    public String taskId() {
        return layout.taskId();
    }

    public Optional<AssignedTask> assignedTask() {
        return Optional.ofNullable(assigned);
    }

    public Sandbox sandbox() {
        return new Sandbox(layout.sandbox());
    }
}
