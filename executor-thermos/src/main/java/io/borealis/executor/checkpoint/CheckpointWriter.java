package io.borealis.executor.checkpoint;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointRecord;
import io.borealis.api.checkpoint.ProcessState;
import io.borealis.api.checkpoint.TaskState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the executor's records to a task's checkpoint log, each with the next sequence number
 * and the clock's time. Logs one INFO line per transition.
 *
 * <p>Threading: the runner thread only. Failure: an I/O error is thrown as
 * {@link UncheckedIOException}; the executor cannot go on without its log and stops.
 */
public final class CheckpointWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    private final CheckpointLog checkpoint;
    private final Clock clock;
    private final String taskId;
    private long seq;

    private CheckpointWriter(CheckpointLog checkpoint, Clock clock, String taskId, long lastSeq) {
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.taskId = taskId;
        this.seq = lastSeq;
    }

    /**
     * Opens {@code file} for appending; the next record gets sequence number {@code lastSeq + 1}
     * (0 for a new log, the replayed {@code lastSeq} when continuing one).
     */
    public static CheckpointWriter open(Path file, Clock clock, String taskId, long lastSeq)
            throws IOException {
        requireNonNull(clock, "clock is null");
        requireNonNull(taskId, "taskId is null");
        return new CheckpointWriter(CheckpointLog.openForAppend(file), clock, taskId, lastSeq);
    }

    public void header(String hostname, String user, long executorPid, int instance,
            Map<String, Integer> ports) {
        append(new CheckpointRecord.Header(++seq, clock.millis(), taskId, hostname, user,
                executorPid, instance, ports));
    }

    public void task(TaskState state, String message) {
        log.info("task {} -> {}{}", taskId, state, message == null ? "" : " (" + message + ")");
        append(new CheckpointRecord.TaskUpdate(++seq, clock.millis(), state, message));
    }

    /** Records the task's health verdict (see {@link CheckpointRecord.Health}). */
    public void health(boolean healthy, String message) {
        log.info("task {} health -> {}{}", taskId, healthy ? "healthy" : "not healthy",
                message == null ? "" : " (" + message + ")");
        append(new CheckpointRecord.Health(++seq, clock.millis(), healthy, message));
    }

    public void process(String process, int run, ProcessState state, Long pid, Integer exitCode,
            String message) {
        log.info("task {} process {} run {} -> {}{}{}", taskId, process, run, state,
                pid == null ? "" : " pid " + pid, message == null ? "" : " (" + message + ")");
        append(new CheckpointRecord.ProcessUpdate(++seq, clock.millis(), process, run, state, pid,
                exitCode, message));
    }

    private void append(CheckpointRecord record) {
        try {
            checkpoint.append(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the checkpoint of task " + taskId, e);
        }
    }

    public long millis() {
        return clock.millis();
    }

    @Override
    public void close() throws IOException {
        checkpoint.close();
    }
}
