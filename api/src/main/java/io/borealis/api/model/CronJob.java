package io.borealis.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Mirrors Thrift {@code CronJob}: a cron job's configuration, the zone its schedule is read in,
 * its next trigger times and its recent runs (newest first).
 *
 * @param lastTriggerMs the last trigger time the schedule handled; null before the first
 */
public record CronJob(JobConfiguration job, String timezone, List<Long> nextRunsMs,
        List<CronRun> lastRuns, Long lastTriggerMs) {
    public CronJob {
        requireNonNull(job, "job is null");
        requireNonNull(timezone, "timezone is null");
        nextRunsMs = List.copyOf(nextRunsMs);
        lastRuns = List.copyOf(lastRuns);
    }
}
