package io.borealis.scheduler.state;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AssignedTask;
import java.util.List;

/**
 * Pushes launches and kills to agents. Calls return at once; delivery happens on other threads.
 * A failed delivery is logged and dropped: the agent protocol recovers (an ASSIGNED task the agent
 * never reports goes LOST and is replaced; a kill is repeated on the agent's next heartbeat).
 * Agents treat both calls as idempotent. Implementations are thread-safe.
 */
public interface AgentGateway {
    void launchTasks(AgentInfo agent, List<AssignedTask> tasks);

    void killTasks(AgentInfo agent, List<String> taskIds, String message);

    /**
     * Whether a launch can reach {@code agentId} now. The scheduling loop places nothing on an
     * agent that cannot be reached: a new leader (or a restarted scheduler) knows the agents
     * from the store before they have registered with it, and a launch sent then is refused
     * and leaves its task ASSIGNED until the grace period sends it LOST.
     */
    default boolean reaches(String agentId) {
        return true;
    }
}
