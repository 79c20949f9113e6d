package io.borealis.executor.health;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's health check on a thread of its own: an attempt at once, then one every
 * {@code interval_secs}; each is counted by a {@link HealthTracker}, and the listener hears of
 * the two moments that matter: the task became healthy, and the task became unhealthy (after
 * which the monitor stops). While the file {@code .healthchecksnooze} exists in the sandbox,
 * attempts are skipped and count as successes (Aurora's snooze).
 *
 * <p>Threading: {@link #start} and {@link #close} from the runner thread; the listener is called
 * on the monitor's thread and must only hand the news over.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    /** Attempts are never closer together than this, whatever interval_secs says. */
    private static final long MIN_INTERVAL_MILLIS = 50;

    /** Told when the verdict changes. */
    public interface Listener {
        void healthy(String message);

        void unhealthy(String message);
    }

    private final HealthCheck check;
    private final HealthTracker tracker;
    private final long intervalMillis;
    private final Path snoozeFile;
    private final Listener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    public HealthMonitor(HealthCheck check, HealthTracker tracker, Duration interval,
            Path snoozeFile, Listener listener) {
        this.check = requireNonNull(check, "check is null");
        this.tracker = requireNonNull(tracker, "tracker is null");
        this.intervalMillis = Math.max(MIN_INTERVAL_MILLIS, interval.toMillis());
        this.snoozeFile = requireNonNull(snoozeFile, "snoozeFile is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    public void start() {
        thread = new Thread(null, this::loop, "health-check", 256 * 1024);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        int attempt = 0;
        do {
            attempt++;
            boolean snoozed = Files.exists(snoozeFile);
            HealthCheck.Result result = snoozed ? HealthCheck.Result.OK : check.check();
            HealthTracker.Verdict before = tracker.verdict();
            HealthTracker.Verdict after = tracker.record(result.healthy());
            if (!result.healthy()) {
                log.info("health check {} failed: {}", attempt, result.reason());
            }
            if (before != after) {
                switch (after) {
                    case HEALTHY -> listener.healthy("health check passed (" + check.describe()
                            + (snoozed ? ", snoozed" : "") + ")");
                    case UNHEALTHY -> {
                        listener.unhealthy("Failed health check! " + result.reason());
                        return;
                    }
                    case PENDING -> { }
                }
            }
        } while (!await(intervalMillis));
    }

    /** Waits up to {@code millis}; true once the monitor is closed. */
    private boolean await(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the checks; an attempt in flight finishes (within its timeout) unheard. */
    @Override
    public void close() {
        stopped.countDown();
    }
}
