package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.AgentService;
import io.borealis.api.thrift.Hosts;
import io.borealis.api.thrift.JobKey;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.Resources;
import io.borealis.api.thrift.SchedulerManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.thrift.TBase;
import org.jspecify.annotations.Nullable;

/**
 * How every API method is authorized: one row per method of every service the scheduler serves,
 * naming its {@link Kind} and how it names what it acts on. {@link ApiGuard} refuses to serve a
 * service with a method missing here, and {@code ApiPermissionsSpec} fails the build for it: a
 * method added to the IDL later cannot be forgotten.
 *
 * <p>The permission a call needs (spec/http.md) is {@code thrift.SERVICE:METHOD} followed by the
 * target's scope: {@code :ROLE:ENV:JOB} for a call on a job (so that
 * {@code thrift.SchedulerManager:*:www-data} allows every write on the role's jobs),
 * {@code :AGENT_ID} for an agent's call (an agent's credentials are bound to its own id), nothing
 * for Admin and read-only calls. A target that cannot be named (no job key, a malformed one) is
 * refused as INVALID_REQUEST before any permission is checked.
 */
public final class ApiPermissions {
    /** Agent ids name hosts: letters, digits, '.', '_' and '-' (no ':', ',' or '*'). */
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    /** What a method does, which decides whether it is checked and audited. */
    public enum Kind {
        /** Changes nothing; open to any authenticated caller unless reads are authorized. */
        READ,
        /** Changes jobs or the cluster: checked, and every call audited. */
        WRITE,
        /** An agent's own call: checked against its agent id, audited only when refused. */
        AGENT
    }

    /**
     * What one call acts on.
     *
     * @param scope appended to the permission, e.g. {@code www-data:prod:hello}; empty for none
     * @param display for the audit log, e.g. {@code www-data/prod/hello/0}
     * @param details a short summary of the other arguments, never a secret; may be null
     * @param invalid why the target cannot be named; null when it can
     */
    public record Target(String scope, String display, @Nullable String details,
            @Nullable String invalid) {
        public Target {
            requireNonNull(scope, "scope is null");
            requireNonNull(display, "display is null");
        }

        static final Target NONE = new Target("", "", null, null);

        static Target invalid(String why) {
            return new Target("", "", null, why);
        }

        Target withDetails(@Nullable String more) {
            return new Target(scope, display, more, invalid);
        }
    }

    /** One method's row: its kind and how its arguments name the target. */
    public record Rule(String service, String method, Kind kind,
            Function<TBase<?, ?>, Target> target) {
        public Rule {
            requireNonNull(service, "service is null");
            requireNonNull(method, "method is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(target, "target is null");
        }

        /** The permission a call with {@code target} needs. */
        public String permission(Target target) {
            return "thrift." + service + ":" + method
                    + (target.scope().isEmpty() ? "" : ":" + target.scope());
        }
    }

    private static final Map<String, Map<String, Rule>> RULES = rules();

    private ApiPermissions() {}

    /** The rows of {@code service}, by method name; empty for a service not in the table. */
    public static Map<String, Rule> of(String service) {
        return RULES.getOrDefault(service, Map.of());
    }

    /** The services in the table. */
    public static Set<String> services() {
        return new TreeSet<>(RULES.keySet());
    }

    private static Map<String, Map<String, Rule>> rules() {
        Table table = new Table();
        String read = "ReadOnlyScheduler";
        table.add(read, "getTasksStatus", Kind.READ, ReadOnlyScheduler.getTasksStatus_args.class,
                a -> Target.NONE);
        table.add(read, "getTasksWithoutConfigs", Kind.READ,
                ReadOnlyScheduler.getTasksWithoutConfigs_args.class, a -> Target.NONE);
        table.add(read, "getJobs", Kind.READ, ReadOnlyScheduler.getJobs_args.class,
                a -> Target.NONE);
        table.add(read, "getRoleSummary", Kind.READ, ReadOnlyScheduler.getRoleSummary_args.class,
                a -> Target.NONE);
        table.add(read, "getQuota", Kind.READ, ReadOnlyScheduler.getQuota_args.class,
                a -> Target.NONE);
        table.add(read, "getTierConfigs", Kind.READ, ReadOnlyScheduler.getTierConfigs_args.class,
                a -> Target.NONE);
        table.add(read, "getScheduler", Kind.READ, ReadOnlyScheduler.getScheduler_args.class,
                a -> Target.NONE);
        table.add(read, "getCronJob", Kind.READ, ReadOnlyScheduler.getCronJob_args.class,
                a -> Target.NONE);

        table.add(read, "getJobUpdateSummaries", Kind.READ,
                ReadOnlyScheduler.getJobUpdateSummaries_args.class, a -> Target.NONE);
        table.add(read, "getJobUpdateDetails", Kind.READ,
                ReadOnlyScheduler.getJobUpdateDetails_args.class, a -> Target.NONE);

        String manager = "SchedulerManager";
        table.add(manager, "createJob", Kind.WRITE, SchedulerManager.createJob_args.class,
                a -> a.getDescription() == null ? Target.invalid("invalid job configuration: missing")
                        : job(a.getDescription().getKey(), "", "job configuration").withDetails(
                                "instances=" + a.getDescription().getInstanceCount()));
        table.add(manager, "killTasks", Kind.WRITE, SchedulerManager.killTasks_args.class,
                a -> job(a.getJob(), "", "job key").withDetails("instances="
                        + (a.getInstances() == null || a.getInstances().isEmpty() ? "all"
                                : new TreeSet<>(a.getInstances()))));
        table.add(manager, "addInstances", Kind.WRITE, SchedulerManager.addInstances_args.class,
                a -> a.getKey() == null ? Target.invalid("invalid instance key: missing")
                        : job(a.getKey().getJobKey(), "/" + a.getKey().getInstanceId(),
                                "instance key")
                                .withDetails("count=" + a.getCount()));

        table.add(manager, "scheduleCronJob", Kind.WRITE,
                SchedulerManager.scheduleCronJob_args.class,
                a -> a.getDescription() == null ? Target.invalid("invalid job configuration: missing")
                        : job(a.getDescription().getKey(), "", "job configuration").withDetails(
                                "schedule=" + a.getDescription().getCronSchedule()));
        table.add(manager, "descheduleCronJob", Kind.WRITE,
                SchedulerManager.descheduleCronJob_args.class,
                a -> job(a.getJob(), "", "job key"));
        table.add(manager, "startCronJob", Kind.WRITE, SchedulerManager.startCronJob_args.class,
                a -> job(a.getJob(), "", "job key"));
        table.add(manager, "startJobUpdate", Kind.WRITE,
                SchedulerManager.startJobUpdate_args.class,
                a -> a.getDescription() == null ? Target.invalid("invalid job configuration: missing")
                        : job(a.getDescription().getKey(), "", "job configuration").withDetails(
                                "instances=" + a.getDescription().getInstanceCount()));
        table.add(manager, "restartJob", Kind.WRITE, SchedulerManager.restartJob_args.class,
                a -> job(a.getJob(), "", "job key").withDetails("instances="
                        + (a.getInstances() == null || a.getInstances().isEmpty() ? "all"
                                : new TreeSet<>(a.getInstances()))));
        table.add(manager, "pauseJobUpdate", Kind.WRITE,
                SchedulerManager.pauseJobUpdate_args.class, a -> job(a.getJob(), "", "job key"));
        table.add(manager, "resumeJobUpdate", Kind.WRITE,
                SchedulerManager.resumeJobUpdate_args.class, a -> job(a.getJob(), "", "job key"));
        table.add(manager, "abortJobUpdate", Kind.WRITE,
                SchedulerManager.abortJobUpdate_args.class, a -> job(a.getJob(), "", "job key"));
        table.add(manager, "rollbackJobUpdate", Kind.WRITE,
                SchedulerManager.rollbackJobUpdate_args.class,
                a -> job(a.getJob(), "", "job key"));
        table.add(manager, "pulseJobUpdate", Kind.WRITE,
                SchedulerManager.pulseJobUpdate_args.class, a -> job(a.getJob(), "", "job key"));

        String admin = "Admin";
        table.add(admin, "setQuota", Kind.WRITE, Admin.setQuota_args.class,
                a -> new Target("", String.valueOf(a.getOwnerRole()), resources(a.getQuota()),
                        null));
        table.add(admin, "pruneTasks", Kind.WRITE, Admin.pruneTasks_args.class,
                a -> Target.NONE);
        table.add(admin, "reconcileTasks", Kind.WRITE, Admin.reconcileTasks_args.class,
                a -> Target.NONE);
        table.add(admin, "startMaintenance", Kind.WRITE, Admin.startMaintenance_args.class,
                a -> hosts(a.getHosts()));
        table.add(admin, "drainHosts", Kind.WRITE, Admin.drainHosts_args.class,
                a -> hosts(a.getHosts()));
        table.add(admin, "slaDrainHosts", Kind.WRITE, Admin.slaDrainHosts_args.class,
                a -> hosts(a.getHosts()).withDetails("timeoutSecs=" + a.getTimeoutSecs()));
        table.add(admin, "maintenanceStatus", Kind.WRITE, Admin.maintenanceStatus_args.class,
                a -> hosts(a.getHosts()));
        table.add(admin, "endMaintenance", Kind.WRITE, Admin.endMaintenance_args.class,
                a -> hosts(a.getHosts()));
        table.add(admin, "snapshot", Kind.WRITE, Admin.snapshot_args.class, a -> Target.NONE);
        table.add(admin, "performBackup", Kind.WRITE, Admin.performBackup_args.class,
                a -> Target.NONE);
        table.add(admin, "listBackups", Kind.WRITE, Admin.listBackups_args.class,
                a -> Target.NONE);
        table.add(admin, "stageRecovery", Kind.WRITE, Admin.stageRecovery_args.class,
                a -> new Target("", String.valueOf(a.getBackupId()), null, null));
        table.add(admin, "queryRecovery", Kind.WRITE, Admin.queryRecovery_args.class,
                a -> Target.NONE);
        table.add(admin, "deleteRecoveryTasks", Kind.WRITE,
                Admin.deleteRecoveryTasks_args.class, a -> Target.NONE);
        table.add(admin, "commitRecovery", Kind.WRITE, Admin.commitRecovery_args.class,
                a -> Target.NONE);
        table.add(admin, "unloadRecovery", Kind.WRITE, Admin.unloadRecovery_args.class,
                a -> Target.NONE);

        String agents = "AgentService";
        table.add(agents, "registerAgent", Kind.AGENT, AgentService.registerAgent_args.class,
                a -> agent(a.getAgent() == null ? null : a.getAgent().getAgentId())
                        .withDetails(a.getAgent() == null ? null
                                : "endpoint=" + a.getAgent().getEndpoint()));
        table.add(agents, "heartbeat", Kind.AGENT, AgentService.heartbeat_args.class,
                a -> agent(a.getAgentId()));
        table.add(agents, "statusUpdate", Kind.AGENT, AgentService.statusUpdate_args.class,
                a -> agent(a.getAgentId()).withDetails(
                        "updates=" + (a.getUpdates() == null ? 0 : a.getUpdates().size())));
        return table.rows;
    }

    /**
     * A job key as a scope {@code ROLE:ENV:NAME}, checked by the job key rule first; refused as
     * the handlers refuse it ({@code invalid WHAT: ...}).
     */
    static Target job(@Nullable JobKey key, String suffix, String what) {
        if (key == null) {
            return Target.invalid("invalid " + what + ": job key is missing");
        }
        io.borealis.api.model.JobKey checked;
        try {
            checked = ThriftCodec.fromThrift(key);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Target.invalid("invalid " + what + ": " + e.getMessage());
        }
        return new Target(checked.role() + ":" + checked.environment() + ":" + checked.name(),
                checked + suffix, null, null);
    }

    static Target agent(@Nullable String agentId) {
        if (agentId == null || !AGENT_ID.matcher(agentId).matches()) {
            return Target.invalid("agent id '" + agentId + "' is not a host name (letters, "
                    + "digits, '.', '_', '-')");
        }
        return new Target(agentId, agentId, null, null);
    }

    private static Target hosts(@Nullable Hosts hosts) {
        String names = hosts == null || hosts.getHostNames() == null ? ""
                : String.join(",", new TreeSet<>(hosts.getHostNames()));
        return new Target("", names.length() > 500 ? names.substring(0, 500) + "..." : names,
                null, null);
    }

    private static @Nullable String resources(@Nullable Resources quota) {
        return quota == null ? null : "cpu=" + quota.getCpu() + " ramMb=" + quota.getRamMb()
                + " diskMb=" + quota.getDiskMb();
    }

    /** Collects rows, typed by each method's generated argument class. */
    private static final class Table {
        final Map<String, Map<String, Rule>> rows = new LinkedHashMap<>();

        <A extends TBase<?, ?>> void add(String service, String method, Kind kind, Class<A> args,
                Function<A, Target> target) {
            Rule rule = new Rule(service, method, kind, raw -> target.apply(args.cast(raw)));
            Rule before = rows.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .put(method, rule);
            if (before != null) {
                throw new IllegalStateException("two rules for " + service + "." + method);
            }
        }
    }

    /** The row for one call, if the table has one. */
    static Optional<Rule> rule(String service, String method) {
        return Optional.ofNullable(of(service).get(method));
    }
}
