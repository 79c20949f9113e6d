package io.borealis.scheduler.scheduling;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AgentTaskState;
import java.util.List;
import java.util.Optional;

/**
 * Asks one agent, synchronously and within a timeout, which tasks it runs (its
 * {@code AgentControl.reportTasks}). Implementations are thread-safe.
 */
public interface AgentTaskReports {
    /**
     * @return the agent's tasks as a heartbeat would report them, or empty when the agent could
     *     not be reached in time or refused (the implementation logs why)
     */
    Optional<List<AgentTaskState>> reportTasks(AgentInfo agent);
}
