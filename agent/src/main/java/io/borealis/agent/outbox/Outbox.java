package io.borealis.agent.outbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.model.TaskStatusUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persisted queue of status updates not yet acknowledged by the scheduler.
 *
 * <p>Files under the agent's state directory ({@code WORK_DIR/agent/}):
 * <pre>
 *   outbox.jsonl   pending updates, one TaskStatusUpdate JSON object per line, in seq order
 *   outbox.seq     the highest seq ever assigned, so that seq keeps increasing after every
 *                  update has been acked and the agent restarts
 * </pre>
 * {@link #append} returns only after the update is on disk (fsync); {@link #ack} rewrites the
 * pending file atomically (write a temporary file, then rename). A torn last line, left by a
 * crash in the middle of an append, is ignored on {@link #open}: its append never returned, so
 * nobody relied on it.
 *
 * <p>Thread-safe: every method synchronizes on the outbox. Writers are the task monitor and the
 * RPC threads; the reader is the single {@link OutboxSender}.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String PENDING_FILE = "outbox.jsonl";
    static final String SEQ_FILE = "outbox.seq";

    private final Path dir;
    private final Clock clock;
    private final Deque<TaskStatusUpdate> pending;
    private long lastSeq;
    private FileChannel channel;

    private Outbox(Path dir, Clock clock, Deque<TaskStatusUpdate> pending, long lastSeq)
            throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.pending = pending;
        this.lastSeq = lastSeq;
        this.channel = openAppend(dir.resolve(PENDING_FILE));
    }

    /**
     * Opens the outbox in {@code dir}, creating it when absent, and loads what is still pending.
     *
     * @throws IOException when the directory or its files cannot be read or written
     */
    public static Outbox open(Path dir, Clock clock) throws IOException {
        requireNonNull(dir, "dir is null");
        requireNonNull(clock, "clock is null");
        Files.createDirectories(dir);
        Deque<TaskStatusUpdate> pending = readPending(dir.resolve(PENDING_FILE));
        long lastSeq = readSeq(dir.resolve(SEQ_FILE));
        if (!pending.isEmpty()) {
            lastSeq = Math.max(lastSeq, pending.getLast().seq());
        }
        Outbox outbox = new Outbox(dir, clock, pending, lastSeq);
        // Rewrite once so that a torn tail line cannot sit in front of the next append.
        outbox.rewrite();
        log.info("outbox {}: {} pending update(s), last seq {}", dir, pending.size(), lastSeq);
        return outbox;
    }

    /**
     * Numbers a new update with the next seq, stamps it with the clock, persists it and wakes
     * the sender. Returns the stored update.
     *
     * @throws UncheckedIOException when the update cannot be written; nothing is queued then
     */
    public synchronized TaskStatusUpdate append(String taskId, TaskStatus status, String message) {
        TaskStatusUpdate update = new TaskStatusUpdate(
                taskId, status, clock.millis(), message, lastSeq + 1);
        try {
            writeLine(channel, encode(update));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist status update " + update, e);
        }
        lastSeq = update.seq();
        pending.addLast(update);
        notifyAll();
        return update;
    }

    /**
     * Forgets every pending update whose seq is at most {@code ackedSeq}. Idempotent; an ack
     * older than what was already acked changes nothing.
     *
     * @throws UncheckedIOException when the pending file cannot be rewritten; the acked updates
     *     are then kept and will be sent again (the scheduler ignores repeats)
     */
    public synchronized void ack(long ackedSeq) {
        int before = pending.size();
        List<TaskStatusUpdate> kept = new ArrayList<>(pending);
        kept.removeIf(update -> update.seq() <= ackedSeq);
        if (kept.size() == before) {
            return;
        }
        Deque<TaskStatusUpdate> previous = new ArrayDeque<>(pending);
        pending.clear();
        pending.addAll(kept);
        try {
            rewrite();
        } catch (IOException e) {
            pending.clear();
            pending.addAll(previous);
            throw new UncheckedIOException("cannot rewrite outbox in " + dir, e);
        }
    }

    /**
     * Up to {@code max} pending updates, oldest first, waiting up to {@code timeoutMillis} for
     * one to arrive when none is pending. Leaves them pending: only {@link #ack} removes them.
     */
    public synchronized List<TaskStatusUpdate> awaitBatch(int max, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (pending.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return List.of();
            }
            wait(left);
        }
        return pending.stream().limit(max).toList();
    }

    /** True while the update numbered {@code seq} has not been acked. */
    public synchronized boolean isPending(long seq) {
        return pending.stream().anyMatch(update -> update.seq() == seq);
    }

    /** A snapshot of every pending update, oldest first. */
    public synchronized List<TaskStatusUpdate> pending() {
        return List.copyOf(pending);
    }

    /** The highest seq assigned so far (0 before the first update). */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private void rewrite() throws IOException {
        Path seqTmp = dir.resolve(SEQ_FILE + ".tmp");
        Files.writeString(seqTmp, Long.toString(lastSeq), UTF_8);
        Files.move(seqTmp, dir.resolve(SEQ_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Path tmp = dir.resolve(PENDING_FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (TaskStatusUpdate update : pending) {
                writeLine(out, encode(update));
            }
            out.force(true);
        }
        channel.close();
        Files.move(tmp, dir.resolve(PENDING_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        channel = openAppend(dir.resolve(PENDING_FILE));
    }

    private static FileChannel openAppend(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private static void writeLine(FileChannel out, String json) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((json + "\n").getBytes(UTF_8));
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static String encode(TaskStatusUpdate update) {
        try {
            return Json.mapper().writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + update, e);
        }
    }

    private static Deque<TaskStatusUpdate> readPending(Path file) throws IOException {
        Deque<TaskStatusUpdate> pending = new ArrayDeque<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, UTF_8);
        } catch (NoSuchFileException e) {
            return pending;
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                pending.addLast(Json.mapper().readValue(line, TaskStatusUpdate.class));
            } catch (JsonProcessingException e) {
                log.warn("outbox {}: ignoring unreadable line {}", file, line);
                break;
            }
        }
        return pending;
    }

    private static long readSeq(Path file) throws IOException {
        try {
            String text = Files.readString(file, UTF_8).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException("outbox seq file " + file + " does not hold a number", e);
        }
    }
}
