/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Objects;

/** Mirrors Thrift {@code JobConfiguration}. Nullable: {@code cronSchedule}, {@code updateSettings}, {@code cluster}. */
public record JobConfiguration(
        JobKey key,
        String owner,
        int instanceCount,
        TaskConfig taskConfig,
        String cronSchedule,
        CronCollisionPolicy cronCollisionPolicy,
        UpdateSettings updateSettings,
        String cluster) {
    public JobConfiguration {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(owner, "owner is null");
        Objects.requireNonNull(taskConfig, "taskConfig is null");
        Objects.requireNonNull(cronCollisionPolicy, "cronCollisionPolicy is null");
    }
}
