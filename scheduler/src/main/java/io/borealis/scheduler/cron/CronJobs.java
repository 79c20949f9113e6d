package io.borealis.scheduler.cron;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.CronJob;
import io.borealis.api.model.CronRun;
import io.borealis.api.model.CronTrigger;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.metrics.SchedulerMetrics;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.validation.JobValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls on cron jobs: schedule (or reschedule), deschedule, run now, show. A cron job's
 * configuration is its row in the job store (with its cron schedule set); its schedule state and
 * history are in the cron store. Each call is one unit of work, so a refused call changes
 * nothing. Thread-safe.
 */
public final class CronJobs {
    private static final Logger LOG = LoggerFactory.getLogger(CronJobs.class);
    /** Trigger times {@link #show} lists. */
    static final int SHOWN_NEXT_RUNS = 5;
    /** Runs {@link #show} lists. */
    static final int SHOWN_RUNS = 10;

    private final Storage storage;
    private final JobValidator validator;
    private final CronRunner runner;
    private final Clock clock;

    public CronJobs(Storage storage, StateManager stateManager, QuotaManager quotas,
            SchedulerMetrics metrics, JobValidator validator, Clock clock) {
        this.storage = requireNonNull(storage, "storage is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.runner = new CronRunner(stateManager, quotas, metrics);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Stores {@code job} as a cron job. A new one starts with the trigger times after now; a
     * cron job already stored keeps its schedule state and history, and its new configuration
     * (schedule, zone, policy, instances, task) applies from its next run on: a run in progress
     * is left as it is.
     *
     * @return true when an existing cron job's configuration was replaced
     * @throws PlatformException INVALID_REQUEST naming every problem (no cron schedule, one that
     *     does not parse, an unknown zone, RUN_OVERLAP, ...); JOB_EXISTS when a job that is not a
     *     cron job has this key
     */
    public boolean schedule(JobConfiguration job) {
        requireNonNull(job, "job is null");
        if (job.cronSchedule() == null) {
            throw PlatformException.invalid("job " + job.key() + " has no cron schedule: set "
                    + "cron_schedule, or run it as a job with 'borealis job create'");
        }
        validator.validate(job);
        return storage.write(store -> {
            boolean replaced = false;
            var existing = store.jobs().fetch(job.key());
            if (existing.isPresent()) {
                if (existing.get().cronSchedule() == null) {
                    throw new PlatformException(ErrorCode.JOB_EXISTS, "job " + job.key()
                            + " exists and is not a cron job; kill it first "
                            + "('borealis job killall')");
                }
                replaced = true;
            }
            store.jobs().save(job);
            if (store.cron().lastTrigger(job.key()).isEmpty()) {
                store.cron().saveLastTrigger(job.key(), clock.millis());
            }
            LOG.info("cron job {} {}: '{}' in {}, {}", job.key(),
                    replaced ? "rescheduled" : "scheduled", job.cronSchedule(),
                    job.effectiveCronTimezone(), job.cronCollisionPolicy());
            return replaced;
        });
    }

    /**
     * Removes the cron job, its schedule state and its history. As in Aurora, the tasks of a
     * run in progress are left running; {@code job killall} stops them.
     *
     * @return how many tasks of the job are still active
     * @throws PlatformException JOB_NOT_FOUND when no cron job has this key
     */
    public int deschedule(JobKey key) {
        requireNonNull(key, "key is null");
        return storage.write(store -> {
            cronJob(store, key);
            store.jobs().delete(key);
            store.cron().delete(key);
            int active = store.tasks().activeOfJob(key).size();
            LOG.info("cron job {} descheduled ({} active tasks left running)", key, active);
            return active;
        });
    }

    /**
     * Runs the cron job now, with its collision policy, as {@code cron start} asks. A manual run
     * does not change which trigger times the schedule handles.
     *
     * @throws PlatformException JOB_NOT_FOUND when no cron job has this key
     */
    public CronRun start(JobKey key) {
        requireNonNull(key, "key is null");
        return storage.write(store -> {
            JobConfiguration job = cronJob(store, key);
            Instant now = clock.instant();
            return runner.run(store, job, now, CronTrigger.MANUAL, now, "started by a user");
        });
    }

    /**
     * The cron job, its next {@value #SHOWN_NEXT_RUNS} trigger times after now and its last
     * {@value #SHOWN_RUNS} runs.
     *
     * @throws PlatformException JOB_NOT_FOUND when no cron job has this key
     */
    public CronJob show(JobKey key) {
        requireNonNull(key, "key is null");
        return storage.read(store -> {
            JobConfiguration job = cronJob(store, key);
            Instant now = clock.instant();
            List<Long> next = Schedule.of(job).next(now, SHOWN_NEXT_RUNS).stream()
                    .map(Instant::toEpochMilli).toList();
            var last = store.cron().lastTrigger(key);
            return new CronJob(job, job.effectiveCronTimezone(), next,
                    store.cron().runs(key, SHOWN_RUNS),
                    last.isPresent() ? last.getAsLong() : null);
        });
    }

    /** The next {@code count} trigger times of cron job {@code job} after {@code after}. */
    public static List<Instant> nextRuns(JobConfiguration job, Instant after, int count) {
        return Schedule.of(job).next(after, count);
    }

    private static JobConfiguration cronJob(StoreProvider store, JobKey key) {
        return store.jobs().fetch(key).filter(job -> job.cronSchedule() != null)
                .orElseThrow(() -> new PlatformException(ErrorCode.JOB_NOT_FOUND,
                        "no cron job " + key + " is scheduled"));
    }

    CronRunner runner() {
        return runner;
    }
}
