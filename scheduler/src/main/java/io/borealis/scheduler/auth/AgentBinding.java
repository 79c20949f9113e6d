package io.borealis.scheduler.auth;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Which principal registered each agent id, so that no other principal can act as that agent:
 * re-register it with another endpoint, heartbeat for it or send its status updates. An agent's
 * own permission ({@code thrift.AgentService:*:AGENT_ID}) already names its id; this also holds
 * a principal allowed every agent id (an operator with {@code *}) to the agent it registered.
 *
 * <p>Kept in memory: after a restart of the scheduler every agent registers again (it is asked
 * to, since the scheduler has forgotten its AgentControl secret too), and the first principal to
 * register an id holds it. Thread-safe.
 */
public final class AgentBinding {
    private final ConcurrentMap<String, String> principals = new ConcurrentHashMap<>();

    /** Why {@code principal} may not act as {@code agentId}; null when it may. */
    public @Nullable String refusal(String agentId, String principal) {
        String holder = principals.get(requireNonNull(agentId, "agentId is null"));
        if (holder == null || holder.equals(requireNonNull(principal, "principal is null"))) {
            return null;
        }
        return "agent " + agentId + " is registered by another principal; " + principal
                + " may not act as it";
    }

    /**
     * Records that {@code principal} registered {@code agentId}, unless another holds it.
     *
     * @return false when another principal holds the id (a race lost to it)
     */
    public boolean bind(String agentId, String principal) {
        String holder = principals.putIfAbsent(requireNonNull(agentId, "agentId is null"),
                requireNonNull(principal, "principal is null"));
        return holder == null || holder.equals(principal);
    }
}
