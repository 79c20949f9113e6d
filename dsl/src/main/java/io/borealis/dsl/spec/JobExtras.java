package io.borealis.dsl.spec;

import static io.borealis.dsl.spec.TaskBuilder.anyNull;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Announcer;
import io.borealis.api.model.Constraint;
import io.borealis.api.model.CoordinatorSlaPolicy;
import io.borealis.api.model.CountSlaPolicy;
import io.borealis.api.model.DockerContainer;
import io.borealis.api.model.DockerParameter;
import io.borealis.api.model.HealthCheckConfig;
import io.borealis.api.model.HttpHealthChecker;
import io.borealis.api.model.HttpLifecycleConfig;
import io.borealis.api.model.Metadata;
import io.borealis.api.model.PartitionPolicy;
import io.borealis.api.model.PercentageSlaPolicy;
import io.borealis.api.model.ShellHealthChecker;
import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.Volume;
import io.borealis.api.model.VolumeMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a job's optional parts other than its task and update settings: health check, lifecycle,
 * scheduling constraints, metadata, announcer, partition and SLA policies, container. Each method
 * returns null for "unset" or "has a problem" (then already reported).
 */
final class JobExtras {
    private final Values values;

    JobExtras(Values values) {
        this.values = requireNonNull(values, "values is null");
    }

    HealthCheckConfig healthCheck(Struct job, String path) {
        Struct config = values.struct(job, "health_check_config", path,
                Schemas.HEALTH_CHECK_CONFIG);
        if (config == null) {
            return null;
        }
        Struct checker = values.struct(config, "health_checker", path + ".health_checker",
                Schemas.HEALTH_CHECKER_CONFIG);
        HttpHealthChecker http = null;
        ShellHealthChecker shell = null;
        if (checker != null) {
            String checkerPath = path + ".health_checker";
            Struct shellStruct = values.struct(checker, "shell", checkerPath + ".shell",
                    Schemas.SHELL_HEALTH_CHECKER);
            if (shellStruct != null) {
                String command = values.string(shellStruct, "shell_command",
                        checkerPath + ".shell.shell_command");
                shell = command == null ? null : new ShellHealthChecker(command);
            } else {
                Struct httpStruct = checker.isSet("http")
                        ? values.struct(checker, "http", checkerPath + ".http",
                                Schemas.HTTP_HEALTH_CHECKER)
                        : checker.factoryDefault(Schemas.HTTP_HEALTH_CHECKER);
                http = httpStruct == null ? null : httpChecker(httpStruct, checkerPath + ".http");
            }
        }
        Double initial = values.number(config, "initial_interval_secs",
                path + ".initial_interval_secs");
        Double interval = values.number(config, "interval_secs", path + ".interval_secs");
        Integer maxFailures = values.integer(config, "max_consecutive_failures",
                path + ".max_consecutive_failures");
        Integer minSuccesses = values.integer(config, "min_consecutive_successes",
                path + ".min_consecutive_successes");
        Double timeout = values.number(config, "timeout_secs", path + ".timeout_secs");
        if (anyNull(initial, interval, maxFailures, minSuccesses, timeout)
                || (http == null && shell == null)) {
            return null;
        }
        return new HealthCheckConfig(http, shell, initial, interval, maxFailures, minSuccesses,
                timeout);
    }

    private HttpHealthChecker httpChecker(Struct http, String path) {
        String endpoint = values.string(http, "endpoint", path + ".endpoint");
        String expected = values.string(http, "expected_response", path + ".expected_response");
        Integer code = values.integer(http, "expected_response_code",
                path + ".expected_response_code");
        return anyNull(endpoint, expected, code) ? null
                : new HttpHealthChecker(endpoint, expected, code);
    }

    /** Unset means Aurora's default: graceful shutdown over http on the {@code health} port. */
    HttpLifecycleConfig lifecycle(Struct job, String path) {
        Struct http;
        if (!job.isSet("lifecycle")) {
            http = job.factoryDefault(Schemas.HTTP_LIFECYCLE_CONFIG);
        } else {
            Struct lifecycle = values.struct(job, "lifecycle", path, Schemas.LIFECYCLE_CONFIG);
            http = lifecycle == null ? null : values.struct(lifecycle, "http", path + ".http",
                    Schemas.HTTP_LIFECYCLE_CONFIG);
            path = path + ".http";
        }
        if (http == null) {
            return null;
        }
        String port = values.string(http, "port", path + ".port");
        String graceful = values.string(http, "graceful_shutdown_endpoint",
                path + ".graceful_shutdown_endpoint");
        String shutdown = values.string(http, "shutdown_endpoint", path + ".shutdown_endpoint");
        Integer gracefulWait = values.integer(http, "graceful_shutdown_wait_secs",
                path + ".graceful_shutdown_wait_secs");
        Integer shutdownWait = values.integer(http, "shutdown_wait_secs",
                path + ".shutdown_wait_secs");
        if (anyNull(port, graceful, shutdown, gracefulWait, shutdownWait)) {
            return null;
        }
        return new HttpLifecycleConfig(port, List.of(graceful), List.of(shutdown), gracefulWait,
                shutdownWait);
    }

    /**
     * Aurora's constraint map: {@code 'host': 'limit:1'} caps instances per value,
     * {@code 'rack': 'a,b'} allows values, {@code 'rack': '!a'} avoids them.
     */
    List<Constraint> constraints(Struct job, String path) {
        Map<?, ?> entries = values.map(job, "constraints", path);
        List<Constraint> constraints = new ArrayList<>();
        if (entries == null) {
            return constraints;
        }
        entries.forEach((key, raw) -> {
            String attribute = String.valueOf(key);
            String entryPath = path + "." + attribute;
            String value = raw instanceof CharSequence text
                    ? values.resolved(job, text.toString(), entryPath) : null;
            if (raw != null && !(raw instanceof CharSequence)) {
                values.error(job.location(), entryPath, "expected a string such as 'limit:1', "
                        + "'a,b' or '!a', got " + Values.describe(raw));
            }
            if (value == null) {
                return;
            }
            if (value.startsWith("limit:")) {
                String count = value.substring("limit:".length()).trim();
                if (!count.matches("[1-9]\\d{0,8}")) {
                    values.error(job.location(), entryPath, "'" + value
                            + "' must be limit:N with N a positive integer");
                    return;
                }
                constraints.add(new Constraint(attribute, false, Set.of(),
                        Integer.parseInt(count)));
            } else {
                boolean negated = value.startsWith("!");
                String list = negated ? value.substring(1) : value;
                Set<String> allowed = new LinkedHashSet<>();
                Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(allowed::add);
                if (allowed.isEmpty()) {
                    values.error(job.location(), entryPath, "names no value");
                    return;
                }
                constraints.add(new Constraint(attribute, negated, allowed, 0));
            }
        });
        return constraints;
    }

    List<Metadata> metadata(Struct job, String path) {
        List<?> items = values.list(job, "metadata", path);
        List<Metadata> metadata = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Struct entry = values.structValue(items.get(i), job.location(), itemPath,
                    Schemas.METADATA);
            if (entry != null) {
                String key = values.string(entry, "key", itemPath + ".key");
                String value = values.string(entry, "value", itemPath + ".value");
                if (!anyNull(key, value)) {
                    metadata.add(new Metadata(key, value));
                }
            }
        }
        return metadata;
    }

    Announcer announcer(Struct job, String path) {
        Struct announce = values.struct(job, "announce", path, Schemas.ANNOUNCER);
        if (announce == null) {
            return null;
        }
        String primary = values.string(announce, "primary_port", path + ".primary_port");
        Map<?, ?> portmap = values.map(announce, "portmap", path + ".portmap");
        String zkPath = values.string(announce, "zk_path", path + ".zk_path");
        if (anyNull(primary, portmap)) {
            return null;
        }
        Map<String, String> ports = new LinkedHashMap<>();
        portmap.forEach((k, v) -> ports.put(String.valueOf(k), String.valueOf(v)));
        return new Announcer(primary, ports, zkPath);
    }

    PartitionPolicy partitionPolicy(Struct job, String path) {
        Struct policy = values.struct(job, "partition_policy", path, Schemas.PARTITION_POLICY);
        if (policy == null) {
            return null;
        }
        Boolean reschedule = values.bool(policy, "reschedule", path + ".reschedule");
        Long delay = values.longValue(policy, "delay_secs", path + ".delay_secs");
        return anyNull(reschedule, delay) ? null : new PartitionPolicy(reschedule, delay);
    }

    SlaPolicy slaPolicy(Struct job, String path) {
        Struct policy = values.struct(job, "sla_policy", path, Schemas.COUNT_SLA_POLICY,
                Schemas.PERCENTAGE_SLA_POLICY, Schemas.COORDINATOR_SLA_POLICY);
        if (policy == null) {
            return null;
        }
        if (policy.schema() == Schemas.COUNT_SLA_POLICY) {
            Long count = values.longValue(policy, "count", path + ".count");
            Long duration = values.longValue(policy, "duration_secs", path + ".duration_secs");
            return anyNull(count, duration) ? null
                    : new SlaPolicy(new CountSlaPolicy(count, duration), null, null);
        }
        if (policy.schema() == Schemas.PERCENTAGE_SLA_POLICY) {
            Double percentage = values.number(policy, "percentage", path + ".percentage");
            Long duration = values.longValue(policy, "duration_secs", path + ".duration_secs");
            return anyNull(percentage, duration) ? null
                    : new SlaPolicy(null, new PercentageSlaPolicy(percentage, duration), null);
        }
        String url = values.string(policy, "coordinator_url", path + ".coordinator_url");
        String statusKey = values.string(policy, "status_key", path + ".status_key");
        return anyNull(url, statusKey) ? null
                : new SlaPolicy(null, null, new CoordinatorSlaPolicy(url, statusKey));
    }

    /** {@code Docker(...)} or the older {@code Container(docker: Docker(...))}. */
    DockerContainer container(Struct job, String path) {
        Struct container = values.struct(job, "container", path, Schemas.DOCKER,
                Schemas.CONTAINER);
        if (container != null && container.schema() == Schemas.CONTAINER) {
            path = path + ".docker";
            container = values.struct(container, "docker", path, Schemas.DOCKER);
        }
        if (container == null) {
            return null;
        }
        String image = values.string(container, "image", path + ".image");
        List<DockerParameter> parameters = new ArrayList<>();
        List<?> items = values.list(container, "parameters", path + ".parameters");
        for (int i = 0; items != null && i < items.size(); i++) {
            String itemPath = path + ".parameters[" + i + "]";
            Struct parameter = values.structValue(items.get(i), container.location(), itemPath,
                    Schemas.PARAMETER);
            if (parameter != null) {
                String name = values.string(parameter, "name", itemPath + ".name");
                String value = values.string(parameter, "value", itemPath + ".value");
                if (!anyNull(name, value)) {
                    parameters.add(new DockerParameter(name, value));
                }
            }
        }
        List<Volume> volumes = new ArrayList<>();
        items = values.list(container, "volumes", path + ".volumes");
        for (int i = 0; items != null && i < items.size(); i++) {
            String itemPath = path + ".volumes[" + i + "]";
            Struct volume = values.structValue(items.get(i), container.location(), itemPath,
                    Schemas.VOLUME);
            if (volume != null) {
                String containerPath = values.string(volume, "container_path",
                        itemPath + ".container_path");
                String hostPath = values.string(volume, "host_path", itemPath + ".host_path");
                VolumeMode mode = values.enumValue(volume, "mode", itemPath + ".mode",
                        VolumeMode.class);
                if (!anyNull(containerPath, hostPath, mode)) {
                    volumes.add(new Volume(containerPath, hostPath, mode));
                }
            }
        }
        return image == null ? null : new DockerContainer(image, parameters, volumes);
    }
}
