package io.borealis.executor.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What the executor binds in command lines.
 *
 * @param taskId {@code {{thermos.task_id}}}
 * @param user {@code {{thermos.user}}}: the job's role, as Aurora rewrites it
 * @param instance {@code {{mesos.instance}}}
 * @param hostname {@code {{mesos.hostname}}}: the agent's host
 * @param ports {@code {{thermos.ports[NAME]}}}: the ports assigned to the task
 */
public record TemplateContext(
        String taskId, String user, int instance, String hostname, Map<String, Integer> ports) {
    public TemplateContext {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(user, "user is null");
        requireNonNull(hostname, "hostname is null");
        ports = Map.copyOf(requireNonNull(ports, "ports is null"));
    }
}
