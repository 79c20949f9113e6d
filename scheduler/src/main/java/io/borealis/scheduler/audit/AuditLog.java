package io.borealis.scheduler.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of {@link AuditEvent}s, one JSON object a line ({@code --audit-log},
 * default {@code HOME/audit.log}). Each line is written with one call before {@link #record}
 * returns, so a line is in the file (the operating system's) before the caller gets its answer:
 * a crash of the scheduler's process loses none; there is no fsync, so a crash of the machine
 * may lose the last ones. Lines never interleave. A failure to write is logged at ERROR and the
 * call's answer is still given: the audit log must not take the API down with a full disk.
 * Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;

    private AuditLog(Path file, FileChannel channel, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
    }

    /**
     * Opens {@code file} for appending, creating it (and its directory) when missing.
     *
     * @throws UncheckedIOException naming the file when it cannot be opened
     */
    public static AuditLog open(Path file, Clock clock) {
        requireNonNull(file, "file is null");
        requireNonNull(clock, "clock is null");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new AuditLog(file, channel, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file + ": " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    public Clock clock() {
        return clock;
    }

    /** Appends {@code event} as one line. */
    public void record(AuditEvent event) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            LOG.error("cannot encode audit event {}: {}", event, e.toString());
            return;
        }
        synchronized (this) {
            if (!channel.isOpen()) {
                // A request answered while the scheduler stops, after the log was closed.
                LOG.warn("audit log {} is closed; not recorded: {}", file, event);
                return;
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                LOG.error("cannot write to audit log {}: {}", file, e.toString());
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
