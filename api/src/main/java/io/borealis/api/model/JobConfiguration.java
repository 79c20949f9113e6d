/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/**
 * Mirrors Thrift {@code JobConfiguration}. Nullable: {@code cronSchedule}, {@code updateSettings},
 * {@code cluster}, {@code cronTimezone} (null means UTC).
 */
public record JobConfiguration(
        JobKey key,
        String owner,
        int instanceCount,
        TaskConfig taskConfig,
        String cronSchedule,
        CronCollisionPolicy cronCollisionPolicy,
        UpdateSettings updateSettings,
        String cluster,
        String cronTimezone) {
    public JobConfiguration {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(owner, "owner is null");
        Objects.requireNonNull(taskConfig, "taskConfig is null");
        Objects.requireNonNull(cronCollisionPolicy, "cronCollisionPolicy is null");
    }

    /** A job without a cron timezone (a service, or a cron job read in UTC). */
    public JobConfiguration(JobKey key, String owner, int instanceCount, TaskConfig taskConfig,
            String cronSchedule, CronCollisionPolicy cronCollisionPolicy,
            UpdateSettings updateSettings, String cluster) {
        this(key, owner, instanceCount, taskConfig, cronSchedule, cronCollisionPolicy,
                updateSettings, cluster, null);
    }

    /** The zone id the cron schedule is read in: {@code cronTimezone}, or UTC when unset. */
    public String effectiveCronTimezone() {
        return cronTimezone == null ? "UTC" : cronTimezone;
    }

    /** This configuration with another owner (the scheduler sets the authenticated one). */
    public JobConfiguration withOwner(String newOwner) {
        return new JobConfiguration(key, newOwner, instanceCount, taskConfig, cronSchedule,
                cronCollisionPolicy, updateSettings, cluster, cronTimezone);
    }

    /** This configuration with another instance count. */
    public JobConfiguration withInstanceCount(int count) {
        return new JobConfiguration(key, owner, count, taskConfig, cronSchedule,
                cronCollisionPolicy, updateSettings, cluster, cronTimezone);
    }
}
