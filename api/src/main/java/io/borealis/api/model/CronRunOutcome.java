package io.borealis.api.model;

/** Mirrors Thrift {@code CronRunOutcome}: what a cron run did. */
public enum CronRunOutcome {
    /** Its instances were created as PENDING tasks. */
    STARTED,
    /** The previous run's active tasks were killed, then the instances created. */
    KILLED_PREVIOUS,
    /** Nothing was started: the previous run was still active (CANCEL_NEW). */
    SKIPPED,
    /** Nothing was started: the run was refused (e.g. quota); the message says why. */
    FAILED
}
