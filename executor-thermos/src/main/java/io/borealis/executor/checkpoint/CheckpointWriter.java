package io.borealis.executor.checkpoint;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointRecord;
import io.borealis.api.checkpoint.ProcessState;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    /** Records kept back by {@link #hold} until {@link #release}; null while not holding. */
    private List<CheckpointRecord> held;

    private CheckpointWriter(CheckpointLog checkpoint, Clock clock, String taskId, long lastSeq) {
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.taskId = taskId;
        this.seq = lastSeq;
    }

    /**
     * Builds the JSON serializers of every kind of checkpoint record on a short-lived daemon
     * thread, so that the executor's first appends do not pay for it (about 20 ms at start-up)
     * while the runner thread reads the task. Optional: appending works without it, and a
     * failure here is only logged at DEBUG. Called once, by the executor's main thread at start.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(null, CheckpointWriter::prepare, "checkpoint-prepare",
                256 * 1024);
        thread.setDaemon(true);
        thread.start();
    }

    private static void prepare() {
        try {
            ObjectWriter writer = Json.mapper().writerFor(CheckpointRecord.class);
            for (CheckpointRecord record : List.<CheckpointRecord>of(
                    new CheckpointRecord.Header(0, 0, "", "", "", 0, 0, Map.of("p", 1)),
                    new CheckpointRecord.Health(0, 0, true, ""),
                    new CheckpointRecord.TaskUpdate(0, 0, TaskState.ACTIVE, null),
                    new CheckpointRecord.ProcessUpdate(0, 0, "", 0, ProcessState.RUNNING, 1L, 0,
                            null))) {
                writer.writeValueAsBytes(record);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot prepare the checkpoint serializers: {}", e.toString());
        }
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

    /**
     * Keeps the next records in memory until {@link #release} (or {@link #close}) writes them all
     * with one fsync: for records that describe what has already happened and follow each other
     * closely, such as the header, health and ACTIVE at the start, or a run's FORKED and RUNNING
     * once its process runs. The log is then briefly behind reality, never ahead of it.
     */
    public void hold() {
        if (held == null) {
            held = new ArrayList<>(4);
        }
    }

    /** Writes the records kept back since {@link #hold}, with one fsync; no-op when none. */
    public void release() {
        List<CheckpointRecord> records = held;
        held = null;
        if (records != null && !records.isEmpty()) {
            write(records);
        }
    }

    private void append(CheckpointRecord record) {
        if (held != null) {
            held.add(record);
        } else {
            write(List.of(record));
        }
    }

    private void write(List<CheckpointRecord> records) {
        try {
            checkpoint.appendAll(records);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the checkpoint of task " + taskId, e);
        }
    }

    public long millis() {
        return clock.millis();
    }

    /** Writes any records still held back, then closes the log. */
    @Override
    public void close() throws IOException {
        try {
            release();
        } finally {
            checkpoint.close();
        }
    }
}
