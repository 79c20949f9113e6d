package io.borealis.scheduler.rpc;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AgentTaskState;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.rpc.ThriftHttp;
import io.borealis.api.thrift.AgentControl;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseCode;
import io.borealis.scheduler.scheduling.AgentTaskReports;
import io.borealis.scheduler.state.AgentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers launches and kills to each agent's {@code AgentControl} at {@code ENDPOINT/api}, on a
 * small pool of threads so that neither the scheduling loop nor an RPC thread waits for an agent.
 * A failed delivery is logged at WARN and dropped (see {@link AgentGateway}). Asking an agent for
 * its tasks ({@link #reportTasks}) is the one synchronous call, on the caller's thread.
 */
public final class ThriftAgentGateway implements AgentGateway, AgentTaskReports, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThriftAgentGateway.class);

    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,256}");

    private final Duration timeout;
    private final ExecutorService executor;
    /**
     * Agent id -> the AgentControl token of its registration with this process (empty: it
     * registered without one). Memory only: the token is never stored.
     */
    private final java.util.concurrent.ConcurrentMap<String, Optional<String>> tokens =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Trust for agents' https endpoints; null: the JVM's default CAs. */
    private final SSLContext trust;

    public ThriftAgentGateway(int threads, Duration timeout) {
        this(threads, timeout, null);
    }

    /** @param trust CAs trusted for agents' {@code https} endpoints; null for the JVM's */
    public ThriftAgentGateway(int threads, Duration timeout, SSLContext trust) {
        this.timeout = timeout;
        this.trust = trust;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "agent-gateway-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void launchTasks(AgentInfo agent, List<AssignedTask> tasks) {
        List<io.borealis.api.thrift.AssignedTask> wire =
                new ArrayList<>(tasks.stream().map(ThriftCodec::toThrift).toList());
        submit(agent, "launch of " + tasks.size() + " tasks",
                client -> client.launchTasks(wire));
    }

    @Override
    public void killTasks(AgentInfo agent, List<String> taskIds, String message) {
        List<String> ids = List.copyOf(taskIds);
        submit(agent, "kill of " + ids, client -> client.killTasks(new ArrayList<>(ids), message));
    }

    /**
     * Calls the agent's {@code reportTasks} on this thread, waiting at most the call timeout to
     * connect and again to read.
     */
    @Override
    public Optional<List<AgentTaskState>> reportTasks(AgentInfo agent) {
        String url = url(agent);
        try {
            AgentControl.Client client = ThriftHttp.client(url, "AgentControl",
                    AgentControl.Client::new, headers(agent), timeout, trust);
            try {
                Response response = client.reportTasks();
                if (response.getResponseCode() != ResponseCode.OK || !response.isSetResult()
                        || !response.getResult().isSetAgentTasksResult()) {
                    LOG.warn("agent {} did not report its tasks: {}", agent.agentId(),
                            io.borealis.api.rpc.Responses.message(response));
                    return Optional.empty();
                }
                List<io.borealis.api.thrift.AgentTaskState> tasks =
                        response.getResult().getAgentTasksResult().getTasks();
                return Optional.of(tasks == null ? List.of()
                        : tasks.stream().map(ThriftCodec::fromThrift).toList());
            } finally {
                client.getInputProtocol().getTransport().close();
            }
        } catch (TException | RuntimeException e) {
            LOG.warn("could not ask agent {} at {} for its tasks: {}", agent.agentId(), url,
                    e.toString());
            return Optional.empty();
        }
    }

    /** Whether {@code token} has the form of an AgentControl token. */
    public static boolean isToken(String token) {
        return TOKEN.matcher(token).matches();
    }

    /**
     * Remembers the token {@code agentId} registered with; later calls to it carry
     * {@code Authorization: Bearer TOKEN}. Null: it sent none, calls carry no header.
     */
    public void registered(String agentId, @Nullable String token) {
        tokens.put(agentId, Optional.ofNullable(token));
    }

    /** Whether {@code agentId} registered with this process. */
    public boolean isRegistered(String agentId) {
        return tokens.containsKey(agentId);
    }

    /**
     * Only an agent registered with this process: the token of an earlier registration (with a
     * previous leader, or before a restart) is not known here, and the agent refuses calls
     * without it.
     */
    @Override
    public boolean reaches(String agentId) {
        return isRegistered(agentId);
    }

    private Map<String, String> headers(AgentInfo agent) {
        Optional<String> token = tokens.getOrDefault(agent.agentId(), Optional.empty());
        return token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
    }

    private static String url(AgentInfo agent) {
        return agent.endpoint().replaceAll("/+$", "") + "/api";
    }

    @FunctionalInterface
    private interface Call {
        Response send(AgentControl.Client client) throws TException;
    }

    private void submit(AgentInfo agent, String what, Call call) {
        try {
            executor.execute(() -> deliver(agent, what, call));
        } catch (RejectedExecutionException e) {
            LOG.warn("dropped {} for agent {}: shutting down", what, agent.agentId());
        }
    }

    private void deliver(AgentInfo agent, String what, Call call) {
        String url = url(agent);
        try {
            AgentControl.Client client = ThriftHttp.client(url, "AgentControl",
                    AgentControl.Client::new, headers(agent), timeout, trust);
            try {
                Response response = call.send(client);
                if (response.getResponseCode() != ResponseCode.OK) {
                    LOG.warn("agent {} refused {}: {}", agent.agentId(), what,
                            io.borealis.api.rpc.Responses.message(response));
                } else {
                    LOG.debug("agent {} took {}", agent.agentId(), what);
                }
            } finally {
                client.getInputProtocol().getTransport().close();
            }
        } catch (TException | RuntimeException e) {
            // Recovered by the protocol: LOST after the grace period, or a kill on heartbeat.
            LOG.warn("could not deliver {} to agent {} at {}: {}", what, agent.agentId(), url,
                    e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
