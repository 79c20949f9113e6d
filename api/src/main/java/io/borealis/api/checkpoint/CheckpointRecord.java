package io.borealis.api.checkpoint;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a task's checkpoint log: a JSON object whose {@code type} is {@code header},
 * {@code task}, {@code process} or {@code health}. Every record carries a sequence number that increases by one
 * per record, and a wall-clock timestamp in epoch milliseconds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CheckpointRecord.Header.class, name = "header"),
    @JsonSubTypes.Type(value = CheckpointRecord.TaskUpdate.class, name = "task"),
    @JsonSubTypes.Type(value = CheckpointRecord.ProcessUpdate.class, name = "process"),
    @JsonSubTypes.Type(value = CheckpointRecord.Health.class, name = "health")
})
public sealed interface CheckpointRecord {
    long seq();

    long timestamp();

    /** Written once, first, by the executor that runs the task. */
    record Header(
            long seq,
            long timestamp,
            String taskId,
            String hostname,
            String user,
            long executorPid,
            int instance,
            Map<String, Integer> ports) implements CheckpointRecord {
        public Header {
            Objects.requireNonNull(taskId, "taskId is null");
            ports = ports == null ? Map.of() : Map.copyOf(ports);
        }
    }

    /** The task moved to {@code state}. {@code message} is null or says why. */
    record TaskUpdate(long seq, long timestamp, TaskState state, String message)
            implements CheckpointRecord {
        public TaskUpdate {
            Objects.requireNonNull(state, "state is null");
        }
    }

    /**
     * Run {@code run} (0-based) of {@code process} moved to {@code state}. {@code pid} is set from
     * RUNNING on, {@code exitCode} when the run ended by exiting; either may be null.
     */
    record ProcessUpdate(
            long seq,
            long timestamp,
            String process,
            int run,
            ProcessState state,
            Long pid,
            Integer exitCode,
            String message) implements CheckpointRecord {
        public ProcessUpdate {
            Objects.requireNonNull(process, "process is null");
            Objects.requireNonNull(state, "state is null");
        }
    }

    /**
     * The task's health as its executor judges it. The executor writes one before the task
     * becomes ACTIVE: {@code healthy} true when the task has no health check (it is healthy once
     * its processes run), false while a configured check has yet to pass. Later records mark the
     * moment the check passed ({@code true}) or the task turned unhealthy ({@code false}, with
     * the reason, e.g. {@code Failed health check! ...}). A log without health records (an older
     * executor) counts as healthy.
     */
    record Health(long seq, long timestamp, boolean healthy, String message)
            implements CheckpointRecord {}
}
