package io.borealis.agent.tasks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import io.borealis.api.model.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What the agent remembers of one task across restarts, stored as {@code TASK_ROOT/agent.json}
 * (written only by the agent, atomically: temporary file, then rename).
 *
 * @param executorPid the executor's pid; null when it was never spawned
 * @param reported the last status put into the outbox; null before the first report
 * @param reportedSeq the outbox seq of that report (0 before the first)
 * @param killDeadlineMillis when a kill escalates to SIGKILL (epoch millis); null when no kill
 *     was requested
 * @param killMessage why the task is being killed; may be null
 * @param endedMillis when the agent reported the task's terminal status (epoch millis); null
 *     while it is not terminal, and in records written before this field existed
 */
public record TaskRecord(
        String taskId,
        Long executorPid,
        TaskStatus reported,
        long reportedSeq,
        Long killDeadlineMillis,
        String killMessage,
        Long endedMillis) {
    public static final String FILE_NAME = "agent.json";

    public TaskRecord {
        requireNonNull(taskId, "taskId is null");
    }

    /** Reads the record in {@code taskRoot}; empty when the agent never wrote one there. */
    public static Optional<TaskRecord> read(Path taskRoot) throws IOException {
        try {
            byte[] json = Files.readAllBytes(taskRoot.resolve(FILE_NAME));
            return Optional.of(Json.mapper().readValue(json, TaskRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the record in {@code taskRoot}. */
    public void write(Path taskRoot) throws IOException {
        Path tmp = taskRoot.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(tmp, Json.mapper().writeValueAsString(this), UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + this, e);
        }
        Files.move(tmp, taskRoot.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
