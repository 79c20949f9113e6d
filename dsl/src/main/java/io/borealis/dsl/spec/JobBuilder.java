package io.borealis.dsl.spec;

import static io.borealis.dsl.spec.TaskBuilder.anyNull;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Announcer;
import io.borealis.api.model.Constraint;
import io.borealis.api.model.CronCollisionPolicy;
import io.borealis.api.model.DockerContainer;
import io.borealis.api.model.HealthCheckConfig;
import io.borealis.api.model.HttpLifecycleConfig;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.Metadata;
import io.borealis.api.model.PartitionPolicy;
import io.borealis.api.model.PortAliases;
import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.UpdateSettings;
import io.borealis.api.validation.JobConfigurationValidator;
import io.borealis.api.validation.Problem;
import io.borealis.dsl.diagnostic.Diagnostics;
import io.borealis.dsl.diagnostic.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code jobs} list of an evaluated job file into validated {@link JobConfiguration}s.
 *
 * <p>Each job is read in two steps: first its identity ({@code role}, {@code environment},
 * {@code cluster}, {@code name}, its task's name), resolving only the client's bindings and
 * {@code .bind} variables; then everything else, with those identity values in the template
 * scope as well. A job read without problems is then checked by the shared rules of
 * {@link JobConfigurationValidator}, whose problems are reported at the line that built the part
 * they concern. Every problem of every job is reported to the {@link Diagnostics}; the result is
 * complete only when none was.
 * The {@code owner} of each configuration is left empty: the scheduler fills it in from the
 * authenticated user. Single-threaded; one instance per evaluation.
 */
public final class JobBuilder {
    private final Values values;
    private final Map<String, String> bindings;
    private final TaskBuilder tasks;
    private final JobExtras extras;
    private final UpdateSettingsReader updates;

    /** @param bindings the client's {@code --bind NAME=VALUE}s, e.g. {@code profile.version} */
    public JobBuilder(Diagnostics diagnostics, Map<String, String> bindings) {
        this.values = new Values(diagnostics);
        this.bindings = Map.copyOf(requireNonNull(bindings, "bindings is null"));
        this.tasks = new TaskBuilder(values);
        this.extras = new JobExtras(values);
        this.updates = new UpdateSettingsReader(values);
    }

    /**
     * @param jobs the value the file assigned to {@code jobs}, or null when it assigned none
     * @param assignedAt where {@code jobs} was assigned (or the file's first line)
     */
    public List<JobConfiguration> build(Object jobs, SourceLocation assignedAt) {
        if (jobs == null) {
            values.error(assignedAt, "jobs", "required: assign a list of Job or Service to "
                    + "'jobs', e.g. jobs = [Service(...)]");
            return List.of();
        }
        if (!(jobs instanceof List<?> list)) {
            values.error(assignedAt, "jobs", "expected a list of Job or Service, got "
                    + Values.describe(jobs));
            return List.of();
        }
        if (list.isEmpty()) {
            values.error(assignedAt, "jobs", "is empty; list at least one Job or Service");
            return List.of();
        }
        List<JobConfiguration> built = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "jobs[" + i + "]";
            Struct job = values.structValue(list.get(i), assignedAt, path, Schemas.JOB,
                    Schemas.SERVICE);
            JobConfiguration config = job == null ? null : job(job, path);
            if (config != null) {
                built.add(config);
            }
        }
        return values.diagnostics().hasErrors() ? List.of() : List.copyOf(built);
    }

    private JobConfiguration job(Struct job, String path) {
        long before = values.errorCount();
        values.useTemplates(new Templates(bindings, Map.of()));
        Struct task = values.struct(job, "task", path + ".task", Schemas.TASK,
                Schemas.SEQUENTIAL_TASK);
        String taskName = task == null ? null : tasks.name(task, path + ".task");
        String role = values.string(job, "role", path + ".role");
        String environment = values.string(job, "environment", path + ".environment");
        String cluster = values.string(job, "cluster", path + ".cluster");
        String name = job.isSet("name") ? values.string(job, "name", path + ".name") : taskName;
        JobKey key = jobKey(job, path, role, environment, name, task != null
                && !firstProcessInvalid(task));

        Map<String, String> scope = new HashMap<>();
        putIfKnown(scope, "role", role);
        putIfKnown(scope, "environment", environment);
        putIfKnown(scope, "cluster", cluster);
        putIfKnown(scope, "name", name);
        putIfKnown(scope, "task.name", taskName);
        Templates templates = new Templates(bindings, scope);
        values.useTemplates(templates);
        ModelPaths paths = new ModelPaths(path, job.location());

        HealthCheckConfig healthCheck = extras.healthCheck(job, path + ".health_check_config");
        HttpLifecycleConfig lifecycle = extras.lifecycle(job, path + ".lifecycle");
        TaskBuilder.TaskParts parts = task == null ? null
                : tasks.build(task, path + ".task", taskName, healthCheck, lifecycle, paths);
        List<Constraint> constraints = extras.constraints(job, path + ".constraints");
        List<Metadata> metadata = extras.metadata(job, path + ".metadata");
        Announcer announce = extras.announcer(job, path + ".announce");
        PartitionPolicy partition = extras.partitionPolicy(job, path + ".partition_policy");
        SlaPolicy sla = extras.slaPolicy(job, path + ".sla_policy");
        DockerContainer container = extras.container(job, path + ".container");
        UpdateSettings updateSettings = updates.read(job, path + ".update_config");
        String contact = values.string(job, "contact", path + ".contact");
        String tier = values.string(job, "tier", path + ".tier");
        String cron = values.string(job, "cron_schedule", path + ".cron_schedule");
        CronCollisionPolicy collision = values.enumValue(job, "cron_collision_policy",
                path + ".cron_collision_policy", CronCollisionPolicy.class);
        // Unset means UTC (JobConfiguration.effectiveCronTimezone); checked as a ZoneId below.
        String cronTimezone = values.string(job, "cron_timezone", path + ".cron_timezone");
        Integer instances = values.integer(job, "instances", path + ".instances");
        if (instances != null && instances <= 0) {
            values.error(job.location(), path + ".instances", "must be greater than 0, got "
                    + instances);
        }
        Boolean service = values.bool(job, "service", path + ".service");
        Boolean production = values.bool(job, "production", path + ".production");
        Integer priority = values.integer(job, "priority", path + ".priority");
        Integer maxTaskFailures = values.integer(job, "max_task_failures",
                path + ".max_task_failures");
        values.bool(job, "enable_hooks", path + ".enable_hooks");
        if (values.errorCount() > before || parts == null || key == null
                || anyNull(cluster, collision, instances, service, production, priority,
                        maxTaskFailures, updateSettings)) {
            return null;
        }
        Set<String> ports = ports(job, path, templates, announce, constraints);
        if (ports == null) {
            return null;
        }
        if (production && tier == null) {
            tier = "preferred";
        }
        TaskConfig taskConfig = new TaskConfig(key, service, priority, production, tier,
                maxTaskFailures, parts.resources(), constraints, ports, parts.spec(), container,
                metadata, contact, announce, partition, sla);
        JobConfiguration config = new JobConfiguration(key, "", instances, taskConfig, cron,
                collision, updateSettings, cluster, cronTimezone);
        recordParts(job, path, paths);
        for (Problem problem : JobConfigurationValidator.problems(config)) {
            values.error(paths.location(problem), paths.dslPath(problem), problem.message());
        }
        return values.errorCount() > before ? null : config;
    }

    /**
     * The port names the scheduler is asked for: every {@code {{thermos.ports[NAME]}}} and the
     * announcer's primary port, aliases of the portmap replaced by their targets, static ports
     * left out ({@link PortAliases}). Null, with each problem reported at the announcer, when
     * the portmap is wrong.
     */
    private Set<String> ports(Struct job, String path, Templates templates, Announcer announce,
            List<Constraint> constraints) {
        Set<String> used = new LinkedHashSet<>(templates.ports());
        if (announce == null) {
            return used;
        }
        used.add(announce.primaryPort());
        SourceLocation where = job.get("announce") instanceof Struct struct
                ? struct.location() : job.location();
        List<String> problems = new ArrayList<>(PortAliases.problems(announce, used));
        boolean dedicated = constraints.stream().anyMatch(c -> c.attribute().equals("dedicated"));
        announce.portmap().forEach((name, value) -> {
            if (!dedicated && value.matches("\\d+")) {
                problems.add("'" + name + "' -> " + value + " is a static port; a static port "
                        + "needs a 'dedicated' constraint (nothing else keeps two tasks of a "
                        + "host from asking for it)");
            }
        });
        problems.forEach(problem -> values.error(where, path + ".announce.portmap", problem));
        return problems.isEmpty() ? PortAliases.requested(used, announce) : null;
    }

    /** Where the job's optional parts were written, for problems the shared rules find. */
    private static void recordParts(Struct job, String path, ModelPaths paths) {
        paths.record("taskConfig.job", path, job.location());
        record(job, "health_check_config", "task.healthCheck", path, paths);
        record(job, "update_config", "updateSettings", path, paths);
        if (job.get("update_config") instanceof Struct update
                && update.get("update_strategy") instanceof Struct strategy) {
            paths.record("updateSettings.batchSizes",
                    path + ".update_config.update_strategy.batch_sizes", strategy.location());
        }
        record(job, "constraints", "constraints", path, paths);
        record(job, "container", "container", path, paths);
        record(job, "partition_policy", "partitionPolicy", path, paths);
        record(job, "announce", "announce", path, paths);
        for (String kind : List.of("count", "percentage", "coordinator")) {
            record(job, "sla_policy", "slaPolicy." + kind, path, paths);
        }
    }

    private static void record(Struct job, String field, String modelPath, String path,
            ModelPaths paths) {
        Object value = job.get(field);
        paths.record(modelPath, path + "." + field, value instanceof Struct struct
                ? struct.location() : job.location());
    }

    private JobKey jobKey(Struct job, String path, String role, String environment,
            String name, boolean reportMissingName) {
        if (anyNull(role, environment, name)) {
            if (name == null && !job.isSet("name") && reportMissingName) {
                values.error(job.location(), path + ".name", "required (no task name to "
                        + "default to)");
            }
            return null;
        }
        try {
            return new JobKey(role, environment, name);
        } catch (IllegalArgumentException e) {
            values.error(job.location(), path, e.getMessage());
            return null;
        }
    }

    /** Its name cannot default from a process already reported as unknown: say nothing more. */
    private static boolean firstProcessInvalid(Struct task) {
        return task.get("processes") instanceof List<?> list && !list.isEmpty()
                && list.get(0) instanceof Struct first && first.isInvalid();
    }

    private static void putIfKnown(Map<String, String> scope, String key, String value) {
        if (value != null) {
            scope.put(key, value);
        }
    }
}
