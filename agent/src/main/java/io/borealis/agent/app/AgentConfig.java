package io.borealis.agent.app;

import static java.util.Objects.requireNonNull;

import io.borealis.agent.rpc.SchedulerCredentials;
import io.borealis.agent.tasks.GcPolicy;
import io.borealis.api.model.Attribute;
import io.borealis.api.model.PortRange;
import io.borealis.api.model.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything an {@link Agent} needs to run; built by {@link AgentMain} from the flags, or
 * directly by tests.
 *
 * @param schedulerUrl the scheduler's base URL, e.g. {@code http://host:8081}
 * @param workDir the agent's directory: {@code tasks/} (task layouts) and {@code agent/} (outbox)
 * @param httpPort the AgentControl port; 0 picks a free one
 * @param host the host name; also the agent id and the host of the registered endpoint
 * @param attributes the agent's attributes, {@code host} included
 * @param observerUrl the observer on this host; may be null
 * @param executorCommand the program run as {@code EXECUTOR_COMMAND TASK_ROOT}
 * @param timing retry, poll and kill timings
 * @param executorEnvironment added to every executor's environment
 * @param gc when finished task directories are removed
 * @param agentTimeout how long executors wait for a silent agent before they stop their tasks,
 *     until the scheduler names its own loss timeout at registration
 * @param access credentials for the scheduler, the address to listen on, the request size limit
 */
public record AgentConfig(
        String schedulerUrl,
        Path workDir,
        int httpPort,
        String host,
        Resources resources,
        List<PortRange> portRanges,
        List<Attribute> attributes,
        String observerUrl,
        Path executorCommand,
        Timing timing,
        Map<String, String> executorEnvironment,
        GcPolicy gc,
        Duration agentTimeout,
        Access access) {
    /** The loss timeout until the scheduler names one: the scheduler's own default. */
    public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofSeconds(15);

    /** A configuration that adds nothing to the executors' environment, with the default gc. */
    public AgentConfig(String schedulerUrl, Path workDir, int httpPort, String host,
            Resources resources, List<PortRange> portRanges, List<Attribute> attributes,
            String observerUrl, Path executorCommand, Timing timing) {
        this(schedulerUrl, workDir, httpPort, host, resources, portRanges, attributes, observerUrl,
                executorCommand, timing, Map.of(), GcPolicy.DEFAULT, DEFAULT_AGENT_TIMEOUT,
                Access.DEFAULT);
    }

    /**
     * How the agent reaches the scheduler and who may reach it (agent/README.md, "Security").
     *
     * @param credentials this agent's HTTP Basic credentials for the scheduler's host
     *     ({@code --scheduler-netrc}); {@link SchedulerCredentials#NONE} when the scheduler has
     *     no security
     * @param bindAddress the address the AgentControl port listens on ({@code --bind-address});
     *     null: every interface
     * @param maxRequestBytes the largest AgentControl request body ({@code --max-request-size})
     */
    public record Access(SchedulerCredentials credentials, String bindAddress,
            long maxRequestBytes) {
        /** No credentials, every interface, 4 MiB. */
        public static final Access DEFAULT = new Access(SchedulerCredentials.NONE, null,
                io.borealis.api.rpc.RequestBodies.DEFAULT_MAX_BYTES);

        public Access {
            requireNonNull(credentials, "credentials is null");
        }
    }

    /** A copy with {@code access}. */
    public AgentConfig withAccess(Access access) {
        return new AgentConfig(schedulerUrl, workDir, httpPort, host, resources, portRanges,
                attributes, observerUrl, executorCommand, timing, executorEnvironment, gc,
                agentTimeout, access);
    }

    /** A copy with {@code gc} as its gc policy. */
    public AgentConfig withGc(GcPolicy gc) {
        return new AgentConfig(schedulerUrl, workDir, httpPort, host, resources, portRanges,
                attributes, observerUrl, executorCommand, timing, executorEnvironment, gc,
                agentTimeout, access);
    }

    /** A copy with {@code agentTimeout} as the loss timeout until the scheduler names one. */
    public AgentConfig withAgentTimeout(Duration agentTimeout) {
        return new AgentConfig(schedulerUrl, workDir, httpPort, host, resources, portRanges,
                attributes, observerUrl, executorCommand, timing, executorEnvironment, gc,
                agentTimeout, access);
    }

    public AgentConfig {
        requireNonNull(schedulerUrl, "schedulerUrl is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(host, "host is null");
        requireNonNull(resources, "resources is null");
        portRanges = List.copyOf(portRanges);
        attributes = List.copyOf(attributes);
        requireNonNull(executorCommand, "executorCommand is null");
        requireNonNull(timing, "timing is null");
        executorEnvironment = Map.copyOf(executorEnvironment);
        requireNonNull(gc, "gc is null");
        requireNonNull(access, "access is null");
        requireNonNull(agentTimeout, "agentTimeout is null");
    }

    /**
     * @param rpcTimeout connect and read timeout of each call to the scheduler
     * @param retryInitial first pause after a failed call to the scheduler (doubles each time)
     * @param retryMax longest pause between retries
     * @param pollInterval how often task checkpoints and executors are looked at
     * @param killGrace how long a killed executor may run past its task's finalization and
     *     shutdown waits before it is SIGKILLed
     */
    public record Timing(
            Duration rpcTimeout,
            Duration retryInitial,
            Duration retryMax,
            Duration pollInterval,
            Duration killGrace) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(10),
                Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(10));

        public Timing {
            requireNonNull(rpcTimeout, "rpcTimeout is null");
            requireNonNull(retryInitial, "retryInitial is null");
            requireNonNull(retryMax, "retryMax is null");
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(killGrace, "killGrace is null");
        }
    }
}
