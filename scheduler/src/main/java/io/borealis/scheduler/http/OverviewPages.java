package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.cron.CronJobs;
import io.borealis.scheduler.http.PageViews.AgentRow;
import io.borealis.scheduler.http.PageViews.CronRow;
import io.borealis.scheduler.http.PageViews.HostRow;
import io.borealis.scheduler.http.PageViews.JobRow;
import io.borealis.scheduler.http.PageViews.QuotaRow;
import io.borealis.scheduler.http.PageViews.RoleRow;
import io.borealis.scheduler.http.PageViews.Share;
import io.borealis.scheduler.http.PageViews.StateCount;
import io.borealis.scheduler.http.PageViews.Time;
import io.borealis.scheduler.quota.Amounts;
import io.borealis.scheduler.quota.Consumption;
import io.borealis.scheduler.storage.HostMaintenance;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The pages above a single job: {@code /scheduler}, the role page, {@code /quotas},
 * {@code /agents} and {@code /maintenance}. Each is one storage read served from memory (jobs,
 * active tasks, agents, quotas) and costs O(jobs + active tasks) of what it lists. Thread-safe.
 */
final class OverviewPages {
    private static final DateTimeFormatter CRON_LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final PageSources sources;
    private final Pages pages;

    OverviewPages(PageSources sources, Pages pages) {
        this.sources = requireNonNull(sources, "sources is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    /** {@code /scheduler}: every role with jobs, active tasks or a quota. */
    String roles() {
        List<RoleRow> rows = sources.storage().read(store -> {
            Map<String, Integer> jobs = new TreeMap<>();
            store.jobs().fetchAll().forEach(j -> jobs.merge(j.key().role(), 1, Integer::sum));
            Map<String, Long> tasks = store.tasks().active().stream()
                    .collect(Collectors.groupingBy(t -> t.jobKey().role(), Collectors.counting()));
            Map<String, Resources> quotas = store.quotas().fetchAll();
            Set<String> roles = new TreeSet<>(jobs.keySet());
            roles.addAll(tasks.keySet());
            roles.addAll(quotas.keySet());
            return roles.stream().map(role -> new RoleRow(role, jobs.getOrDefault(role, 0),
                    tasks.getOrDefault(role, 0L), quotas.containsKey(role)
                            ? text(quotas.get(role)) : null)).toList();
        });
        return pages.render("roles", "Roles", Map.of("roles", rows));
    }

    /**
     * {@code /scheduler/ROLE}: its jobs with their active tasks by state, its cron jobs with the
     * next run, and its quota use.
     */
    String role(String role) {
        Instant now = sources.clock().instant();
        Map<String, Object> model = sources.storage().read(store -> {
            List<JobConfiguration> jobs = store.jobs().fetchByRole(role);
            List<Task> active = store.tasks().activeOfRole(role);
            Map<JobKey, Map<TaskStatus, Long>> states = new HashMap<>();
            for (Task task : active) {
                states.computeIfAbsent(task.jobKey(), k -> new EnumMap<>(TaskStatus.class))
                        .merge(task.status(), 1L, Long::sum);
            }
            Map<String, Object> m = new HashMap<>();
            m.put("role", role);
            m.put("jobs", jobs.stream().map(job -> jobRow(job,
                    states.getOrDefault(job.key(), Map.of()))).toList());
            m.put("cron", jobs.stream().filter(job -> job.cronSchedule() != null)
                    .map(job -> cronRow(job, now)).toList());
            m.put("quota", quotaRow(store, role, active));
            return m;
        });
        return pages.render("role", "Role " + role, model);
    }

    /** {@code /quotas}: every role with a quota or active tasks, quota against use. */
    String quotas() {
        List<QuotaRow> rows = sources.storage().read(store -> {
            Map<String, List<Task>> byRole = store.tasks().active().stream()
                    .collect(Collectors.groupingBy(t -> t.jobKey().role(), TreeMap::new,
                            Collectors.toList()));
            Set<String> roles = new TreeSet<>(byRole.keySet());
            roles.addAll(store.quotas().fetchAll().keySet());
            return roles.stream().map(role -> quotaRow(store, role,
                    byRole.getOrDefault(role, List.of()))).toList();
        });
        return pages.render("quotas", "Quotas", Map.of("quotas", rows));
    }

    /** {@code /agents}: each agent's offer, what its active tasks reserve, last heartbeat. */
    String agents() {
        long now = sources.clock().millis();
        List<AgentRow> rows = sources.storage().read(store -> {
            Map<String, List<Task>> byAgent = store.tasks().active().stream()
                    .filter(t -> t.agentId() != null)
                    .collect(Collectors.groupingBy(Task::agentId));
            return store.agents().fetchAll().stream().map(agent -> agentRow(store, agent,
                    byAgent.getOrDefault(agent.agentId(), List.of()), now)).toList();
        });
        return pages.render("agents", "Agents", Map.of("agents", rows));
    }

    /** {@code /maintenance}: hosts in maintenance, drains in progress and the tasks left. */
    String maintenance() {
        List<HostRow> rows = sources.maintenance().get().stream()
                .map(h -> new HostRow(h.host(), h.mode().name(), Time.of(h.since()),
                        h.registered(), h.drain(), h.tasks()))
                .toList();
        return pages.render("maintenance", "Maintenance", Map.of("hosts", rows));
    }

    private static JobRow jobRow(JobConfiguration job, Map<TaskStatus, Long> states) {
        String path = Pages.jobPath(job.key());
        List<StateCount> counts = states.entrySet().stream()
                .map(e -> new StateCount(e.getKey().name(), e.getValue(),
                        path + "?state=" + e.getKey().name()))
                .toList();
        Resources r = job.taskConfig().resources();
        return new JobRow(path, job.key().environment(), job.key().name(),
                job.cronSchedule() != null ? "cron"
                        : job.taskConfig().isService() ? "service" : "job",
                job.instanceCount(), counts, PageViews.resources(r.cpu(), r.ramMb(), r.diskMb()));
    }

    private static CronRow cronRow(JobConfiguration job, Instant now) {
        Instant next = CronJobs.nextRuns(job, now, 1).stream().findFirst().orElse(null);
        return new CronRow(Pages.jobPath(job.key()), job.key().environment(), job.key().name(),
                job.cronSchedule(), job.effectiveCronTimezone(), job.cronCollisionPolicy().name(),
                next == null ? null : Time.of(next.toEpochMilli()),
                next == null ? null : CRON_LOCAL.format(
                        next.atZone(ZoneId.of(job.effectiveCronTimezone()))));
    }

    private QuotaRow quotaRow(StoreProvider store, String role, List<Task> active) {
        Resources quota = store.quotas().fetch(role).orElse(Amounts.ZERO);
        Consumption used = sources.quotaCheck().consumption(
                active.stream().map(Task::config).toList());
        Resources other = Amounts.plus(Amounts.plus(used.nonProdShared(), used.prodDedicated()),
                used.nonProdDedicated());
        Resources prod = used.prodShared();
        return new QuotaRow(role, text(quota), text(prod), text(other), List.of(
                new Share("cpu", percent(prod.cpu(), quota.cpu())),
                new Share("ram", percent(prod.ramMb(), quota.ramMb())),
                new Share("disk", percent(prod.diskMb(), quota.diskMb()))));
    }

    private AgentRow agentRow(StoreProvider store, AgentInfo agent, List<Task> tasks, long now) {
        Resources used = tasks.stream().map(t -> t.config().resources())
                .reduce(Amounts.ZERO, Amounts::plus);
        Long seen = sources.liveness().lastSeen(agent.agentId()).stream().boxed()
                .findFirst().orElse(null);
        String mode = store.maintenance().fetch(agent.host()).map(HostMaintenance::mode)
                .map(Enum::name).orElse("NONE");
        return new AgentRow(agent.agentId(), agent.host(), text(agent.resources()), text(used),
                tasks.size(), seen == null ? null : Time.of(seen),
                seen == null ? null : PageViews.age(seen, now),
                agent.attributes().stream().map(a -> a.name() + "=" + String.join(",", a.values()))
                        .collect(Collectors.joining(" ")),
                agent.portRanges().stream().map(p -> p.first() + "-" + p.last())
                        .collect(Collectors.joining(" ")),
                agent.observerUrl(), mode);
    }

    private static String text(Resources r) {
        return PageViews.resources(r.cpu(), r.ramMb(), r.diskMb());
    }

    private static @Nullable Long percent(double used, double quota) {
        return quota <= 0 ? null : Math.round(100 * used / quota);
    }
}
