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
}
