package io.borealis.dsl.spec;

import static io.borealis.dsl.spec.Units.MB;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every schema object of the DSL with Aurora's field names and defaults (spec/dsl.md). To add an
 * object: declare it here, list it in {@link #ALL}, and teach a builder to read it.
 */
public final class Schemas {
    public static final Schema RESOURCES = Schema.builder("Resources")
            .required("cpu").required("ram").required("disk").optional("gpu", 0).build();

    public static final Schema ROTATE_POLICY = Schema.builder("RotatePolicy")
            .optional("log_size", 100 * MB).optional("backups", 5).build();

    public static final Schema LOGGER = Schema.builder("Logger")
            .optional("destination", "file").optional("mode", "standard")
            .optional("rotate", ROTATE_POLICY).build();

    public static final Schema PROCESS = Schema.builder("Process")
            .required("cmdline").required("name").optional("max_failures", 1)
            .optional("daemon", false).optional("ephemeral", false).optional("min_duration", 5)
            .optional("final", false).optional("logger", LOGGER).build();

    public static final Schema CONSTRAINT = Schema.builder("Constraint").required("order").build();

    public static final Schema TASK = Schema.builder("Task")
            .optional("name").required("processes").optional("constraints", List.of())
            .required("resources").optional("max_failures", 1).optional("max_concurrency", 0)
            .optional("finalization_wait", 30).build();

    /** A Task whose processes run in list order. */
    public static final Schema SEQUENTIAL_TASK = TASK.derive("SequentialTask", Map.of());

    public static final Schema HTTP_HEALTH_CHECKER = Schema.builder("HttpHealthChecker")
            .optional("endpoint", "/health").optional("expected_response", "ok")
            .optional("expected_response_code", 0).build();

    public static final Schema SHELL_HEALTH_CHECKER = Schema.builder("ShellHealthChecker")
            .required("shell_command").build();

    /** Neither checker set means the default http checker. */
    public static final Schema HEALTH_CHECKER_CONFIG = Schema.builder("HealthCheckerConfig")
            .optional("http").optional("shell").build();

    public static final Schema HEALTH_CHECK_CONFIG = Schema.builder("HealthCheckConfig")
            .optional("health_checker", HEALTH_CHECKER_CONFIG)
            .optional("initial_interval_secs", 15.0).optional("interval_secs", 10.0)
            .optional("max_consecutive_failures", 0).optional("min_consecutive_successes", 1)
            .optional("timeout_secs", 1.0).build();

    public static final Schema HTTP_LIFECYCLE_CONFIG = Schema.builder("HttpLifecycleConfig")
            .optional("port", "health").optional("graceful_shutdown_endpoint", "/quitquitquit")
            .optional("shutdown_endpoint", "/abortabortabort")
            .optional("graceful_shutdown_wait_secs", 5).optional("shutdown_wait_secs", 5).build();

    /** {@code LifecycleConfig()} without http disables graceful shutdown. */
    public static final Schema LIFECYCLE_CONFIG = Schema.builder("LifecycleConfig")
            .optional("http").build();

    public static final Schema QUEUE_UPDATE_STRATEGY = Schema.builder("QueueUpdateStrategy")
            .optional("batch_size", 1).build();

    public static final Schema BATCH_UPDATE_STRATEGY = Schema.builder("BatchUpdateStrategy")
            .optional("batch_size", 1).optional("autopause_after_batch", false).build();

    public static final Schema VARIABLE_BATCH_UPDATE_STRATEGY =
            Schema.builder("VariableBatchUpdateStrategy")
                    .required("batch_sizes").optional("autopause_after_batch", false).build();

    public static final Schema UPDATE_CONFIG = Schema.builder("UpdateConfig")
            .optional("batch_size", 1).optional("watch_secs", 45)
            .optional("max_per_shard_failures", 0).optional("max_total_failures", 0)
            .optional("rollback_on_failure", true).optional("wait_for_batch_completion", false)
            .optional("pulse_interval_secs").optional("sla_aware", false)
            .optional("update_strategy").build();

    public static final Schema ANNOUNCER = Schema.builder("Announcer")
            .optional("primary_port", "http").optional("portmap", Map.of())
            .optional("zk_path").build();

    public static final Schema PARTITION_POLICY = Schema.builder("PartitionPolicy")
            .optional("reschedule", true).optional("delay_secs", 0).build();

    public static final Schema METADATA = Schema.builder("Metadata")
            .required("key").required("value").build();

    public static final Schema COUNT_SLA_POLICY = Schema.builder("CountSlaPolicy")
            .required("count").required("duration_secs").build();

    public static final Schema PERCENTAGE_SLA_POLICY = Schema.builder("PercentageSlaPolicy")
            .required("percentage").required("duration_secs").build();

    public static final Schema COORDINATOR_SLA_POLICY = Schema.builder("CoordinatorSlaPolicy")
            .required("coordinator_url").optional("status_key", "drain").build();

    public static final Schema PARAMETER = Schema.builder("Parameter")
            .required("name").required("value").build();

    public static final Schema VOLUME = Schema.builder("Volume")
            .required("container_path").required("host_path").optional("mode", "RO").build();

    public static final Schema DOCKER = Schema.builder("Docker")
            .required("image").optional("parameters", List.of()).optional("volumes", List.of())
            .build();

    public static final Schema CONTAINER = Schema.builder("Container").optional("docker").build();

    public static final Schema JOB = Schema.builder("Job")
            .required("task").optional("name").required("role").required("cluster")
            .required("environment").optional("contact").optional("instances", 1)
            .optional("announce").optional("tier").optional("cron_schedule")
            .optional("cron_collision_policy", "KILL_EXISTING").optional("cron_timezone")
            .optional("update_config", UPDATE_CONFIG).optional("constraints", Map.of())
            .optional("metadata", List.of()).optional("service", false)
            .optional("max_task_failures", 1).optional("production", false)
            .optional("priority", 0).optional("health_check_config", HEALTH_CHECK_CONFIG)
            .optional("lifecycle").optional("partition_policy").optional("sla_policy")
            .optional("container").optional("enable_hooks", false).build();

    /** A Job with {@code service: true}. */
    public static final Schema SERVICE = JOB.derive("Service", Map.of("service", true));

    /** Marks a value whose problem is already reported; never listed in {@link #ALL}. */
    static final Schema INVALID = Schema.builder("(invalid)").build();

    /** Every schema object a job file may construct, by the name it is called with. */
    public static final List<Schema> ALL = List.of(RESOURCES, ROTATE_POLICY, LOGGER, PROCESS,
            CONSTRAINT, TASK, SEQUENTIAL_TASK, HTTP_HEALTH_CHECKER, SHELL_HEALTH_CHECKER,
            HEALTH_CHECKER_CONFIG, HEALTH_CHECK_CONFIG, HTTP_LIFECYCLE_CONFIG, LIFECYCLE_CONFIG,
            QUEUE_UPDATE_STRATEGY, BATCH_UPDATE_STRATEGY, VARIABLE_BATCH_UPDATE_STRATEGY,
            UPDATE_CONFIG, ANNOUNCER, PARTITION_POLICY, METADATA, COUNT_SLA_POLICY,
            PERCENTAGE_SLA_POLICY, COORDINATOR_SLA_POLICY, PARAMETER, VOLUME, DOCKER, CONTAINER,
            JOB, SERVICE);

    private Schemas() {}

    public static Set<String> names() {
        return ALL.stream().map(Schema::name).collect(java.util.stream.Collectors.toSet());
    }

    public static java.util.Optional<Schema> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
