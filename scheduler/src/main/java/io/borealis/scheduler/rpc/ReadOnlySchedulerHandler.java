package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobUpdateStatus;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.rpc.SharedTaskConfig;
import io.borealis.api.thrift.GetCronJobResult;
import io.borealis.api.thrift.GetJobUpdateDetailsResult;
import io.borealis.api.thrift.GetJobUpdateSummariesResult;
import io.borealis.api.thrift.GetJobsResult;
import io.borealis.api.thrift.GetQuotaResult;
import io.borealis.api.thrift.GetSchedulerResult;
import io.borealis.api.thrift.GetTierConfigResult;
import io.borealis.api.thrift.JobUpdateDetails;
import io.borealis.api.thrift.JobUpdateQuery;
import io.borealis.api.thrift.JobUpdateSummary;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.RoleSummary;
import io.borealis.api.thrift.RoleSummaryResult;
import io.borealis.api.thrift.ScheduleStatusResult;
import io.borealis.api.thrift.TaskQuery;
import io.borealis.scheduler.cron.CronJobs;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.quota.Consumption;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.quota.QuotaUsage;
import io.borealis.scheduler.state.PendingReasons;
import io.borealis.scheduler.state.ScheduledTasks;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.tier.TierConfig;
import io.borealis.scheduler.tier.Tiers;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code ReadOnlyScheduler}: task status (active tasks with their latest resource use, PENDING
 * ones with why they wait), jobs, cron jobs, role summaries, quotas and tiers. Thread-safe.
 */
public final class ReadOnlySchedulerHandler implements ReadOnlyScheduler.Iface {
    private final Storage storage;
    private final TaskUsageCache usages;
    private final QuotaManager quotas;
    private final PendingReasons reasons;
    private final Tiers tiers;
    private final Responses responses;
    private final String publicUrl;
    private final CronJobs cron;

    /** @param publicUrl how users reach this scheduler (getScheduler answers it) */
    public ReadOnlySchedulerHandler(Storage storage, TaskUsageCache usages, QuotaManager quotas,
            PendingReasons reasons, Tiers tiers, Responses responses, String publicUrl,
            CronJobs cron) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
        this.cron = requireNonNull(cron, "cron is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.usages = requireNonNull(usages, "usages is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.reasons = requireNonNull(reasons, "reasons is null");
        this.tiers = requireNonNull(tiers, "tiers is null");
        this.responses = requireNonNull(responses, "responses is null");
    }

    @Override
    public Response getTasksStatus(TaskQuery query) {
        return responses.run("getTasksStatus", () -> tasks(query, ThriftCodec::toThrift));
    }

    @Override
    public Response getTasksWithoutConfigs(TaskQuery query) {
        return responses.run("getTasksWithoutConfigs", () -> tasks(query, config -> {
            io.borealis.api.thrift.TaskConfig thrift = ThriftCodec.toThrift(config);
            // What the executor runs is most of a configuration's size; its name stays.
            thrift.setTask(new io.borealis.api.thrift.TaskSpec()
                    .setName(config.task().name()).setProcesses(new ArrayList<>()));
            return thrift;
        }));
    }

    /**
     * The tasks {@code query} matches, each distinct configuration converted once and shared by
     * its tasks (tasks of one job share one configuration object in storage), and encoded once
     * in the compact protocol ({@link SharedTaskConfig}).
     */
    private Result tasks(TaskQuery query, Function<io.borealis.api.model.TaskConfig,
            io.borealis.api.thrift.TaskConfig> convert) {
        io.borealis.api.model.TaskQuery decoded = Responses.decode("task query",
                () -> ThriftCodec.fromThrift(query == null ? new TaskQuery() : query));
        Map<io.borealis.api.model.TaskConfig, io.borealis.api.thrift.TaskConfig> converted =
                new IdentityHashMap<>();
        List<io.borealis.api.thrift.ScheduledTask> tasks = new ArrayList<>();
        for (io.borealis.api.model.ScheduledTask task
                : ScheduledTasks.query(storage, decoded, usages, reasons)) {
            tasks.add(ThriftCodec.toThrift(task,
                    config -> converted.computeIfAbsent(config,
                            c -> new SharedTaskConfig(convert.apply(c)))));
        }
        return Result.scheduleStatusResult(new ScheduleStatusResult(tasks));
    }

    @Override
    public Response getScheduler() {
        // One scheduler leads until replicas exist: this one.
        return responses.run("getScheduler",
                () -> Result.getSchedulerResult(new GetSchedulerResult(publicUrl, true)));
    }

    @Override
    public Response getCronJob(io.borealis.api.thrift.JobKey job) {
        return responses.run("getCronJob", () -> {
            io.borealis.api.model.JobKey key = Responses.decode("job key",
                    () -> ThriftCodec.fromThrift(job));
            return Result.getCronJobResult(
                    new GetCronJobResult(ThriftCodec.toThrift(cron.show(key))));
        });
    }

    @Override
    public Response getJobUpdateSummaries(JobUpdateQuery query) {
        return responses.run("getJobUpdateSummaries", () -> {
            if (query == null) {
                throw PlatformException.invalid("the update query is missing");
            }
            io.borealis.api.model.JobKey job = query.isSetJob() ? Responses.decode("job key",
                    () -> ThriftCodec.fromThrift(query.getJob())) : null;
            String role = query.isSetRole() ? Responses.role(query.getRole()) : null;
            List<JobUpdateStatus> statuses = query.getStatuses() == null ? List.of()
                    : query.getStatuses().stream().map(ThriftCodec::fromThrift).toList();
            List<JobUpdateSummary> updates = storage.read(store ->
                    store.updates().query(job, role, statuses)).stream()
                    .map(UpdateViews::summary).toList();
            return Result.getJobUpdateSummariesResult(new GetJobUpdateSummariesResult(updates));
        });
    }

    @Override
    public Response getJobUpdateDetails(io.borealis.api.thrift.JobKey job, String updateId) {
        return responses.run("getJobUpdateDetails", () -> {
            io.borealis.api.model.JobKey key = Responses.decode("job key",
                    () -> ThriftCodec.fromThrift(job));
            JobUpdateDetails details = storage.read(store -> {
                Optional<JobUpdate> update = updateId == null || updateId.isEmpty()
                        ? store.updates().query(key, null, List.of()).stream().findFirst()
                        : store.updates().fetch(updateId).filter(u -> u.job().equals(key));
                return update.map(u -> UpdateViews.details(u, store.updates().instances(u.id()),
                        store.updates().events(u.id()))).orElse(null);
            });
            if (details == null) {
                throw PlatformException.invalid(updateId == null || updateId.isEmpty()
                        ? "job " + key + " has no updates"
                        : "job " + key + " has no update " + updateId);
            }
            return Result.getJobUpdateDetailsResult(new GetJobUpdateDetailsResult(details));
        });
    }

    @Override
    public Response getJobs(String ownerRole) {
        return responses.run("getJobs", () -> {
            if (ownerRole != null && !ownerRole.isEmpty()) {
                Responses.role(ownerRole);
            }
            List<JobConfiguration> jobs = storage.read(store ->
                    ownerRole == null || ownerRole.isEmpty()
                            ? store.jobs().fetchAll()
                            : store.jobs().fetchByRole(ownerRole));
            return Result.getJobsResult(new GetJobsResult(
                    new ArrayList<>(jobs.stream().map(ThriftCodec::toThrift).toList())));
        });
    }

    @Override
    public Response getRoleSummary() {
        return responses.run("getRoleSummary", () -> {
            Map<String, RoleSummary> byRole = new TreeMap<>();
            for (JobConfiguration job : storage.read(store -> store.jobs().fetchAll())) {
                RoleSummary summary = byRole.computeIfAbsent(job.key().role(),
                        role -> new RoleSummary(role, 0, 0));
                summary.setJobCount(summary.getJobCount() + 1);
                if (job.cronSchedule() != null) {
                    summary.setCronJobCount(summary.getCronJobCount() + 1);
                }
            }
            return Result.roleSummaryResult(
                    new RoleSummaryResult(new ArrayList<>(byRole.values())));
        });
    }

    @Override
    public Response getQuota(String ownerRole) {
        return responses.run("getQuota", () -> {
            QuotaUsage usage = quotas.usage(ownerRole);
            Consumption used = usage.consumption();
            return Result.getQuotaResult(new GetQuotaResult(
                    ThriftCodec.toThrift(usage.quota()),
                    ThriftCodec.toThrift(used.prodShared()),
                    ThriftCodec.toThrift(used.nonProdShared()),
                    ThriftCodec.toThrift(used.prodDedicated()),
                    ThriftCodec.toThrift(used.nonProdDedicated())));
        });
    }

    @Override
    public Response getTierConfigs() {
        return responses.run("getTierConfigs", () -> {
            List<io.borealis.api.thrift.TierConfig> all = new ArrayList<>();
            for (TierConfig tier : tiers.all()) {
                all.add(new io.borealis.api.thrift.TierConfig(tier.name(), tier.preemptible(),
                        tier.revocable()));
            }
            return Result.getTierConfigResult(
                    new GetTierConfigResult(tiers.defaultName(), all));
        });
    }
}
