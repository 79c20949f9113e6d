package io.borealis.api.checkpoint;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's sign of life to the executors on its host, so that an executor whose agent died
 * stops its task once the scheduler has given the task to another host (no two copies of an
 * instance).
 *
 * <p>The agent keeps {@code WORK_DIR/agent/alive} ({@link #file}) fresh: it rewrites the file's
 * modification time every second, and the file holds the loss timeout in milliseconds as ASCII
 * digits (the scheduler's, else the agent's own default). Each executor the agent launches gets
 * the file's path in {@link #VARIABLE}; an executor started without it watches nothing. The
 * executor checks the file about every second and stops its task when the modification time
 * has not changed for longer than the timeout, measured on its own monotonic clock (so a wall
 * clock that jumps does not count). An agent restarted within the timeout on the same work
 * directory keeps the same file fresh, so the executors it adopts keep running.
 *
 * <p>Cheap by design: one {@code utimensat} per second on the agent, one {@code stat} per second
 * per executor; the file is rewritten only when the timeout changes, atomically.
 */
public final class AgentLiveness {
    /** The executor's environment variable holding the liveness file's absolute path. */
    public static final String VARIABLE = "BOREALIS_AGENT_LIVENESS";
    /** What an executor assumes when the file holds no readable timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** How often the agent touches the file. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private AgentLiveness() {}

    /** The liveness file of the agent working in {@code workDir}. */
    public static Path file(Path workDir) {
        return workDir.resolve("agent").resolve("alive");
    }

    /**
     * Marks the agent alive now, with {@code timeout} as the loss timeout: writes the file
     * (atomically, by rename) when it is missing or holds another timeout, else only sets its
     * modification time.
     */
    public static void touch(Path file, Duration timeout, Instant now) throws IOException {
        requireNonNull(timeout, "timeout is null");
        String content = Long.toString(timeout.toMillis());
        if (!content.equals(readContent(file))) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setLastModifiedTime(file, FileTime.from(now));
    }

    /**
     * What the file says now: when it was last touched and the timeout it holds ({@link
     * #DEFAULT_TIMEOUT} when unreadable). Empty when there is no file.
     */
    public static Optional<Beat> read(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return Optional.of(new Beat(modified, timeout(readContent(file))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * One look at the file.
     *
     * @param touched the file's modification time
     * @param timeout how long the agent may stay silent before its executors stop their tasks
     */
    public record Beat(FileTime touched, Duration timeout) {
        public Beat {
            requireNonNull(touched, "touched is null");
            requireNonNull(timeout, "timeout is null");
        }
    }

    private static Duration timeout(String content) {
        try {
            long millis = content == null ? 0 : Long.parseLong(content.trim());
            return millis > 0 ? Duration.ofMillis(millis) : DEFAULT_TIMEOUT;
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT;
        }
    }

    private static String readContent(Path file) {
        try {
            return Files.readString(file, US_ASCII);
        } catch (IOException e) {
            return null; // missing, or being replaced: the next look sees it
        }
    }
}
