package io.borealis.scheduler.storage;

import io.borealis.api.model.CronRun;
import io.borealis.api.model.JobKey;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The state of cron jobs beside their configuration (which {@link JobStore} holds): the last
 * trigger time each schedule handled, and each job's recent runs.
 */
public interface CronStore {
    /** The last trigger time the schedule of {@code key} handled; empty for no cron job. */
    OptionalLong lastTrigger(JobKey key);

    /** Every cron job's last handled trigger time. */
    Map<JobKey, Long> lastTriggers();

    /** The most recent {@code limit} runs of {@code key}, newest first. */
    List<CronRun> runs(JobKey key, int limit);

    interface Mutable extends CronStore {
        /** Records that the schedule of {@code key} handled its trigger at {@code triggerAt}. */
        void saveLastTrigger(JobKey key, long triggerAt);

        /** Appends {@code run} and deletes the job's runs beyond the {@code keep} newest. */
        void addRun(JobKey key, CronRun run, int keep);

        /** Removes the job's cron state and runs; false when it had no cron state. */
        boolean delete(JobKey key);
    }
}
