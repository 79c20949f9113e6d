package io.borealis.api.model;

/** Mirrors Thrift {@code CronTrigger}: what started a cron run. */
public enum CronTrigger {
    /** The schedule, at its trigger time. */
    SCHEDULE,
    /** The schedule, for a trigger time that passed while no scheduler ran. */
    MISSED,
    /** A user's {@code cron start}. */
    MANUAL
}
