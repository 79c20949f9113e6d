package io.borealis.api.model;

import static java.util.Objects.requireNonNull;

/**
 * Mirrors Thrift {@code CronRun}: one run of a cron job as its history keeps it.
 *
 * @param triggerTimeMs the trigger time it ran for; for a MANUAL run, when it was asked for
 * @param runTimeMs when the scheduler handled it
 */
public record CronRun(long triggerTimeMs, long runTimeMs, CronTrigger trigger,
        CronRunOutcome outcome, String message) {
    public CronRun {
        requireNonNull(trigger, "trigger is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
    }
}
