package io.borealis.executor.app;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.AgentLiveness;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Stops the task when its agent has gone silent for longer than the loss timeout
 * ({@link AgentLiveness}): by then the scheduler has declared the agent lost and started a
 * replacement elsewhere, and this copy must not run beside it. An agent restarted within the
 * timeout keeps the liveness file fresh, and the task goes on.
 *
 * <p>Silence is measured on the monotonic clock from the last time the file's modification time
 * was seen to change (or from the watch's start), so a jump of the wall clock neither kills a
 * task nor keeps one alive. The kill goes through the executor's usual graceful path with the
 * reason {@code agent unreachable for 16 s; stopping so the scheduler's replacement is the only
 * copy}, at most once.
 *
 * <p>{@link #check} runs on one daemon thread ({@link #start}); {@link #close} stops it.
 */
final class AgentWatch implements AutoCloseable {
    static final String REASON = "agent unreachable for %d s; stopping so the scheduler's "
            + "replacement is the only copy";
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(50);

    private final Path file;
    private final LongSupplier nanoTime;
    private final Consumer<String> kill;
    private FileTime lastSeen;
    private long lastChangeNanos;
    private Duration timeout = AgentLiveness.DEFAULT_TIMEOUT;
    private boolean killed;
    private volatile Thread thread;

    /**
     * @param file the agent's liveness file
     * @param nanoTime the monotonic clock, in nanoseconds
     * @param kill asks the runner to stop the task, with the reason
     */
    AgentWatch(Path file, LongSupplier nanoTime, Consumer<String> kill) {
        this.file = requireNonNull(file, "file is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.kill = requireNonNull(kill, "kill is null");
        this.lastChangeNanos = nanoTime.getAsLong();
    }

    /** The watch of the file the agent named in {@code environment}; empty when it named none. */
    static Optional<AgentWatch> fromEnvironment(Map<String, String> environment,
            Consumer<String> kill) {
        String path = environment.get(AgentLiveness.VARIABLE);
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AgentWatch(Path.of(path), System::nanoTime, kill));
    }

    /** Starts checking on a daemon thread of its own (small stack: it only stats a file). */
    void start() {
        Thread watcher = new Thread(null, this::loop, "agent-watch", 256 * 1024);
        watcher.setDaemon(true);
        thread = watcher;
        watcher.start();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted() && !check()) {
            try {
                Thread.sleep(pause().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Looks at the file once; asks for the kill when the agent has been silent too long.
     * Returns true once the kill was asked for (nothing more to watch).
     */
    synchronized boolean check() {
        if (killed) {
            return true;
        }
        long now = nanoTime.getAsLong();
        Optional<AgentLiveness.Beat> beat = AgentLiveness.read(file);
        if (beat.isPresent()) {
            timeout = beat.get().timeout();
            if (!beat.get().touched().equals(lastSeen)) {
                lastSeen = beat.get().touched();
                lastChangeNanos = now;
                return false;
            }
        }
        long silentNanos = now - lastChangeNanos;
        if (silentNanos <= timeout.toNanos()) {
            return false;
        }
        killed = true;
        kill.accept(String.format(REASON, Math.round(silentNanos / 1e9)));
        return true;
    }

    /** A fifth of the timeout, between 50 ms and 1 s: the kill comes at most that late. */
    synchronized Duration pause() {
        Duration fifth = timeout.dividedBy(5);
        return fifth.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                : fifth.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : fifth;
    }

    @Override
    public void close() {
        Thread watcher = thread;
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}
