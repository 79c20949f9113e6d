package io.borealis.scheduler.cron;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.CronTrigger;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.scheduler.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts cron runs when their trigger times come, on the scheduler's clock. Each tick
 * ({@link #tickOnce}) reads every cron job's last handled trigger time and, for each job whose
 * schedule has a trigger time after it and not after now, performs one run for the latest such
 * time in one write that also stores it as handled.
 *
 * <p>Missed triggers: trigger times that passed while no scheduler ran (or the cron job was
 * otherwise not checked) are run <b>once</b> when the next tick sees them, however many there
 * were: one run, for the latest, recorded as MISSED with how many passed. Because the trigger
 * handled is committed with the run's tasks, a trigger never runs twice, also across a restart
 * or two ticks at the same time. The first tick runs right after {@link #start}.
 *
 * <p>Thread-safe; {@link #tickOnce} may be called from tests while no thread runs.
 */
public final class CronScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CronScheduler.class);
    /** A schedule run handled later than this after its trigger time is recorded as MISSED. */
    static final Duration LATE = Duration.ofMinutes(1);

    private final Storage storage;
    private final CronRunner runner;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService executor;

    /** @param interval how often due trigger times are looked for (a second or so) */
    public CronScheduler(Storage storage, CronJobs jobs, Clock clock, Duration interval) {
        this.storage = requireNonNull(storage, "storage is null");
        this.runner = requireNonNull(jobs, "jobs is null").runner();
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cron-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tickQuietly, 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tickOnce();
        } catch (RuntimeException e) {
            // Nothing was marked handled: the next tick tries again.
            LOG.error("cron tick failed; retrying on the next tick", e);
        }
    }

    /** One tick. Returns how many runs it performed (started, skipped or failed). */
    public int tickOnce() {
        Instant now = clock.instant();
        List<JobKey> due = storage.read(store -> {
            List<JobKey> keys = new ArrayList<>();
            for (Map.Entry<JobKey, Long> entry : store.cron().lastTriggers().entrySet()) {
                Optional<JobConfiguration> job = store.jobs().fetch(entry.getKey())
                        .filter(j -> j.cronSchedule() != null);
                if (job.isPresent() && Schedule.of(job.get())
                        .due(Instant.ofEpochMilli(entry.getValue()), now).isPresent()) {
                    keys.add(entry.getKey());
                }
            }
            return keys;
        });
        int runs = 0;
        for (JobKey key : due) {
            try {
                if (runDue(key, now)) {
                    runs++;
                }
            } catch (RuntimeException e) {
                LOG.error("cron job {}: the run for its due trigger failed; retrying on the next "
                        + "tick", key, e);
            }
        }
        return runs;
    }

    /** Checks again inside the write (another tick may have run it) and runs it. */
    private boolean runDue(JobKey key, Instant now) {
        return storage.write(store -> {
            Optional<JobConfiguration> job = store.jobs().fetch(key)
                    .filter(j -> j.cronSchedule() != null);
            var handled = store.cron().lastTrigger(key);
            if (job.isEmpty() || handled.isEmpty()) {
                return false;
            }
            Optional<Schedule.Due> due = Schedule.of(job.get())
                    .due(Instant.ofEpochMilli(handled.getAsLong()), now);
            if (due.isEmpty()) {
                return false;
            }
            Schedule.Due d = due.get();
            boolean missed = d.count() > 1 || Duration.between(d.latest(), now).compareTo(LATE) > 0;
            String note = d.count() > 1
                    ? (d.count() >= Schedule.MAX_COUNTED ? "at least " : "") + d.count()
                            + " trigger times passed since " + d.first()
                            + " while no scheduler ran them; ran once, for the latest"
                    : missed ? "trigger time passed while no scheduler ran it" : "";
            runner.run(store, job.get(), d.latest(),
                    missed ? CronTrigger.MISSED : CronTrigger.SCHEDULE, now, note);
            return true;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
