package io.borealis.agent.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AgentTaskState;
import io.borealis.api.model.TaskStatusUpdate;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.rpc.Responses;
import io.borealis.api.rpc.ThriftHttp;
import io.borealis.api.thrift.AgentService;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the scheduler's {@code AgentService} and converts between model records and Thrift.
 *
 * <p>Thread-safe: every call builds its own Thrift client. When a scheduler replica answers
 * {@code NOT_LEADER} and names the leader, later calls go to the leader. With a
 * {@link LeaderFinder} (the agent's {@code --zk}) a call that fails looks the leader up again,
 * so the next call (the session's retry, the outbox's resend) goes to whichever replica leads.
 * Each call carries the credentials for the host it goes to ({@link SchedulerCredentials}).
 */
public final class SchedulerClient {
    private static final Logger log = LoggerFactory.getLogger(SchedulerClient.class);
    private static final String SERVICE = "AgentService";

    private final Duration timeout;
    private final SchedulerCredentials credentials;
    private final SSLContext trust;
    private final LeaderFinder finder;
    private volatile String schedulerUrl;

    /** Finds the leading scheduler's base URL (in ZooKeeper); empty while none leads. */
    @FunctionalInterface
    public interface LeaderFinder {
        Optional<String> find() throws Exception;
    }

    /**
     * @param schedulerUrl the scheduler's base URL, e.g. {@code http://host:8081}
     * @param timeout connect and read timeout of every call
     */
    public SchedulerClient(String schedulerUrl, Duration timeout) {
        this(schedulerUrl, timeout, SchedulerCredentials.NONE, null);
    }

    /**
     * @param credentials the agent's HTTP Basic credentials ({@code --scheduler-netrc});
     *     {@link SchedulerCredentials#NONE} for a scheduler without security
     * @param trust the CAs trusted when the scheduler's URL is {@code https}
     *     ({@code Tls.trusting}); null for the JVM's default CAs
     */
    public SchedulerClient(String schedulerUrl, Duration timeout,
            SchedulerCredentials credentials, SSLContext trust) {
        this(stripSlash(requireNonNull(schedulerUrl, "schedulerUrl is null")), null, timeout,
                credentials, trust);
    }

    /**
     * A client of whichever scheduler {@code finder} names as leader, looked up as needed, with
     * the credentials for that leader's host.
     */
    public SchedulerClient(LeaderFinder finder, Duration timeout,
            SchedulerCredentials credentials, SSLContext trust) {
        this(null, requireNonNull(finder, "finder is null"), timeout, credentials, trust);
    }

    private SchedulerClient(String schedulerUrl, LeaderFinder finder, Duration timeout,
            SchedulerCredentials credentials, SSLContext trust) {
        this.schedulerUrl = schedulerUrl;
        this.finder = finder;
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.trust = trust;
    }

    /** Registers {@code agent} without a control token (tests of the scheduler side). */
    public Registration register(AgentInfo agent) throws SchedulerException {
        return register(agent, null, 0);
    }

    /**
     * Registers {@code agent}; returns what the scheduler asks of it.
     *
     * @param controlToken the token the scheduler must present on AgentControl calls
     * @param lastSeq the highest status-update seq assigned so far
     */
    public Registration register(AgentInfo agent, String controlToken, long lastSeq)
            throws SchedulerException {
        io.borealis.api.thrift.AgentInfo wire = ThriftCodec.toThrift(agent).setLastSeq(lastSeq);
        if (controlToken != null) {
            wire.setControlToken(controlToken);
        }
        Response response = call("registerAgent", client -> client.registerAgent(wire));
        var result = response.isSetResult() && response.getResult().isSetRegisterAgentResult()
                ? response.getResult().getRegisterAgentResult() : null;
        int interval = result != null ? result.getHeartbeatIntervalMillis() : 0;
        int timeout = result != null ? result.getAgentTimeoutMillis() : 0;
        return new Registration(Duration.ofMillis(interval > 0 ? interval : 5_000),
                timeout > 0 ? Duration.ofMillis(timeout) : null);
    }

    /**
     * What the scheduler answered to a registration.
     *
     * @param heartbeatInterval how often to heartbeat (5 s when the scheduler named none)
     * @param agentTimeout after how long without heartbeats the scheduler declares this agent
     *     lost; null when it did not say
     */
    public record Registration(Duration heartbeatInterval, Duration agentTimeout) {
        public Registration {
            requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        }
    }

    /** Sends the state of every task the agent holds. */
    public HeartbeatReply heartbeat(String agentId, List<AgentTaskState> tasks)
            throws SchedulerException {
        Response response = call("heartbeat", client -> client.heartbeat(agentId,
                tasks.stream().map(ThriftCodec::toThrift).toList()));
        if (!response.isSetResult() || !response.getResult().isSetHeartbeatResult()) {
            return new HeartbeatReply(List.of(), false);
        }
        var result = response.getResult().getHeartbeatResult();
        return new HeartbeatReply(
                result.getKillTaskIds() == null ? List.of() : result.getKillTaskIds(),
                result.isReregister());
    }

    /** Sends {@code updates} in order; returns the highest seq the scheduler applied. */
    public long statusUpdate(String agentId, List<TaskStatusUpdate> updates)
            throws SchedulerException {
        Response response = call("statusUpdate", client -> client.statusUpdate(agentId,
                updates.stream().map(ThriftCodec::toThrift).toList()));
        if (!response.isSetResult() || !response.getResult().isSetStatusUpdateResult()) {
            throw new SchedulerException("statusUpdate: the scheduler's answer has no ackedSeq");
        }
        return response.getResult().getStatusUpdateResult().getAckedSeq();
    }

    /** The base URL calls currently go to; null while no leader has been found. */
    public String schedulerUrl() {
        return schedulerUrl;
    }

    private Response call(String method, Call call) throws SchedulerException {
        String url = schedulerUrl;
        if (url == null) {
            url = relocate();
            if (url == null) {
                throw new SchedulerException(method + ": no scheduler leads at the moment");
            }
        }
        Map<String, String> headers = credentials.headers(url);
        Response response;
        try {
            AgentService.Client client = ThriftHttp.client(
                    url + "/api", SERVICE, AgentService.Client::new, headers, timeout, trust);
            response = call.apply(client);
        } catch (TException | RuntimeException e) {
            // Refused, redirected by a follower, or gone: the next call asks ZooKeeper again.
            relocate();
            throw new SchedulerException(
                    method + " to " + url + " failed: " + describe(e), e);
        }
        if (response.getResponseCode() == ResponseCode.OK) {
            return response;
        }
        if (response.getResponseCode() == ResponseCode.NOT_LEADER && response.isSetServerInfo()
                && response.getServerInfo().isSetLeaderUrl()) {
            String leader = stripSlash(response.getServerInfo().getLeaderUrl());
            log.info("scheduler {} does not lead; following the leader at {}", url, leader);
            schedulerUrl = leader;
        }
        throw new SchedulerException(method + " to " + url + " answered "
                + response.getResponseCode() + ": " + Responses.message(response));
    }

    /** Looks the leader up again (with a finder); returns it, or null when none is known. */
    private String relocate() {
        if (finder == null) {
            return schedulerUrl;
        }
        try {
            String found = finder.find().map(SchedulerClient::stripSlash).orElse(null);
            if (found != null && !found.equals(schedulerUrl)) {
                log.info("following the leading scheduler at {}", found);
            }
            schedulerUrl = found;
            return found;
        } catch (Exception e) {
            log.warn("cannot look up the leading scheduler: {}", e.toString());
            return null;
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e || message.contains(String.valueOf(root.getMessage()))
                ? message : message + " (" + root + ")";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    private interface Call {
        Response apply(AgentService.Client client) throws TException;
    }
}
