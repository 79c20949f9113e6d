package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The agent's mutable view of one task. Not thread-safe: only {@link TaskManager} touches it,
 * under its lock.
 */
final class AgentTask {
    final String taskId;
    final TaskLayout layout;
    /** Null when task.json could not be read back after a restart. */
    final AssignedTask assigned;
    ExecutorProcess executor;
    TaskStatus reported;
    long reportedSeq;
    Long killDeadlineMillis;
    String killMessage;
    /** When the terminal status was reported (epoch millis); null while not terminal. */
    Long endedMillis;
    /** Set once the executor was SIGKILLed after its kill deadline. */
    boolean escalated;
    /** Set once the processes a dead executor left behind were killed. */
    boolean swept;
    /** Set once the task is terminal and its executor gone: nothing left to watch. */
    boolean done;

    private long checkpointSize = -1;
    private long checkpointModified = -1;
    private TaskState checkpointState;
    private String checkpointMessage;
    private boolean healthy = true;
    private String healthMessage;

    AgentTask(TaskLayout layout, AssignedTask assigned) {
        this.layout = requireNonNull(layout, "layout is null");
        this.taskId = layout.taskId();
        this.assigned = assigned;
    }

    /** Restores what {@code record} says was reported and requested. */
    void restore(TaskRecord record) {
        reported = record.reported();
        reportedSeq = record.reportedSeq();
        killDeadlineMillis = record.killDeadlineMillis();
        killMessage = record.killMessage();
        endedMillis = record.endedMillis();
    }

    TaskRecord record() {
        return new TaskRecord(taskId, executor == null ? null : executor.pid(), reported,
                reportedSeq, killDeadlineMillis, killMessage, endedMillis);
    }

    boolean killRequested() {
        return killDeadlineMillis != null;
    }

    /**
     * Replays the checkpoint when it changed since the last look (size or modification time),
     * or always when {@code force}.
     */
    void refreshCheckpoint(boolean force) throws IOException {
        long size;
        long modified;
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(layout.checkpoint(), BasicFileAttributes.class);
            size = attributes.size();
            modified = attributes.lastModifiedTime().toMillis();
        } catch (NoSuchFileException e) {
            return;
        }
        if (!force && size == checkpointSize && modified == checkpointModified) {
            return;
        }
        checkpointSize = size;
        checkpointModified = modified;
        CheckpointState state = CheckpointState.replay(CheckpointLog.read(layout.checkpoint()));
        checkpointState = state.state();
        checkpointMessage = state.message();
        healthy = state.isHealthy();
        healthMessage = state.healthMessage();
    }

    Observation observe(boolean executorAlive) {
        Integer exit = executor == null ? null : executor.exitStatus().orElse(null);
        return new Observation(checkpointState, checkpointMessage, executorAlive, exit,
                executor == null ? null : executor.pid(), killRequested(), killMessage, healthy,
                healthMessage);
    }

    boolean checkpointTerminal() {
        return checkpointState != null && checkpointState.isTerminal();
    }
}
