package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.AgentLiveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agent's liveness file ({@link AgentLiveness}) fresh: touches it at once, so that
 * executors adopted after a restart see their agent back before anything else happens, then
 * every {@link AgentLiveness#INTERVAL}, with the current loss timeout in it. An executor that
 * sees the file go stale for longer than that timeout stops its task: the scheduler has given
 * it to another host by then.
 *
 * <p>Thread-safe: {@link #timeout(Duration)} may be called from any thread (the scheduler
 * session calls it after each registration); the touches run on one daemon thread.
 */
public final class LivenessBeacon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LivenessBeacon.class);

    private final Path file;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Duration timeout;
    private boolean failing;

    /**
     * @param workDir the agent's work directory (the file is {@link AgentLiveness#file})
     * @param timeout the loss timeout until the scheduler names one
     */
    public LivenessBeacon(Path workDir, Duration timeout, Clock clock) {
        this.file = AgentLiveness.file(requireNonNull(workDir, "workDir is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread beacon = new Thread(r, "liveness");
            beacon.setDaemon(true);
            return beacon;
        });
    }

    /** The file executors watch; its path goes into each executor's environment. */
    public Path file() {
        return file;
    }

    /** Touches the file now (failing loudly if it cannot), then every interval. */
    public void start() throws IOException {
        Files.createDirectories(file.getParent());
        AgentLiveness.touch(file, timeout, clock.instant());
        long every = AgentLiveness.INTERVAL.toMillis();
        thread.scheduleAtFixedRate(this::touch, every, every, TimeUnit.MILLISECONDS);
    }

    /** The loss timeout from now on; the next touch writes it. Ignored unless positive. */
    public void timeout(Duration timeout) {
        if (timeout != null && !timeout.isNegative() && !timeout.isZero()
                && !timeout.equals(this.timeout)) {
            log.info("executors stop their tasks after {} s without this agent", timeout.toSeconds());
            this.timeout = timeout;
            thread.execute(this::touch);
        }
    }

    /** The loss timeout written into the file. */
    public Duration timeout() {
        return timeout;
    }

    private void touch() {
        try {
            AgentLiveness.touch(file, timeout, clock.instant());
            if (failing) {
                log.info("liveness file {} is fresh again", file);
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            // Keep the schedule: a later touch may succeed before the executors give up.
            if (!failing) {
                log.warn("cannot touch liveness file {}; executors stop their tasks if this "
                        + "lasts {} s: {}", file, timeout.toSeconds(), e.toString());
                failing = true;
            }
        }
    }

    /** Stops touching. Executors then stop their tasks after the timeout unless an agent returns. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
