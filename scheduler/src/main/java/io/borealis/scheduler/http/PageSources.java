package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.maintenance.HostOverview;
import io.borealis.scheduler.quota.QuotaCheck;
import io.borealis.scheduler.scheduling.AgentLiveness;
import io.borealis.scheduler.state.PendingReasons;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the web pages read: storage (one read per page), the in-memory caches of resource samples,
 * pending reasons and agent liveness, the quota rules, the maintenance overview and the clock
 * that ages are measured with. Built once by {@code SchedulerMain}.
 *
 * @param maintenance the hosts in maintenance, for {@code /maintenance}
 */
public record PageSources(String cluster, Storage storage, TaskUsageCache usages,
        PendingReasons reasons, QuotaCheck quotaCheck, AgentLiveness liveness,
        Supplier<List<HostOverview>> maintenance, Clock clock) {
    public PageSources {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(storage, "storage is null");
        requireNonNull(usages, "usages is null");
        requireNonNull(reasons, "reasons is null");
        requireNonNull(quotaCheck, "quotaCheck is null");
        requireNonNull(liveness, "liveness is null");
        requireNonNull(maintenance, "maintenance is null");
        requireNonNull(clock, "clock is null");
    }
}
