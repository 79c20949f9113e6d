package io.borealis.executor.runner;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.executor.sandbox.UserPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * How one runner is set up.
 *
 * @param layout the task's directory (task.json, runner.ckpt, sandbox)
 * @param hostname {@code {{mesos.hostname}}} and the checkpoint header's host
 * @param instance {@code {{mesos.instance}}} and the checkpoint header's instance
 * @param executorPid written into the checkpoint header
 * @param hostEnvironment the executor's environment; processes get a minimal part of it
 * @param stopGrace how long a stopped process has between SIGTERM and SIGKILL
 * @param clock the time of checkpoint records and min_duration waits
 * @param userPolicy which account the processes run as
 * @param resourceInterval how often the task's resource use is sampled
 */
public record RunnerConfig(
        TaskLayout layout,
        String hostname,
        int instance,
        long executorPid,
        Map<String, String> hostEnvironment,
        Duration stopGrace,
        Clock clock,
        UserPolicy userPolicy,
        Duration resourceInterval) {
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESOURCE_INTERVAL = Duration.ofSeconds(5);

    public RunnerConfig {
        requireNonNull(layout, "layout is null");
        requireNonNull(hostname, "hostname is null");
        hostEnvironment = Map.copyOf(requireNonNull(hostEnvironment, "hostEnvironment is null"));
        requireNonNull(stopGrace, "stopGrace is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(userPolicy, "userPolicy is null");
        requireNonNull(resourceInterval, "resourceInterval is null");
    }

    /** Processes run as the executor's own user; resources are sampled every 5 s. */
    public RunnerConfig(TaskLayout layout, String hostname, int instance, long executorPid,
            Map<String, String> hostEnvironment, Duration stopGrace, Clock clock) {
        this(layout, hostname, instance, executorPid, hostEnvironment, stopGrace, clock,
                new UserPolicy(UserPolicy.Mode.EXECUTOR, null), DEFAULT_RESOURCE_INTERVAL);
    }
}
