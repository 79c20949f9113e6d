package io.borealis.executor.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.borealis.api.json.Json;
import io.borealis.api.model.AssignedTask;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A task description as the agent wrote it to {@code task.json}.
 *
 * @param instance the task's instance number: the file's {@code instanceId} when present, else
 *     the next-to-last part of the task id ({@code MILLIS-ROLE-ENV-NAME-INSTANCE-HEX}, as
 *     written by writers that predate the field), else 0
 */
public record TaskFile(AssignedTask task, int instance) {
    public TaskFile {
        requireNonNull(task, "task is null");
    }

    /** Reads {@code file}; fails with a message naming the file and what is wrong with it. */
    public static TaskFile read(Path file) throws IOException {
        JsonNode tree = Json.mapper().readTree(file.toFile());
        if (tree == null || !tree.isObject()) {
            throw new IOException(file + " does not hold a JSON object");
        }
        AssignedTask task;
        try {
            task = Json.mapper().treeToValue(tree, AssignedTask.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " is not a valid AssignedTask: " + e.getMessage(), e);
        }
        int instance = tree.hasNonNull("instanceId") ? task.instanceId()
                : instanceFromTaskId(task.taskId());
        return new TaskFile(task, instance);
    }

    /** The instance part of a task id of the form {@code MILLIS-ROLE-ENV-NAME-INSTANCE-HEX}. */
    static int instanceFromTaskId(String taskId) {
        String[] parts = taskId.split("-");
        if (parts.length >= 3) {
            try {
                return Integer.parseInt(parts[parts.length - 2]);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
