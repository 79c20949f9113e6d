package io.borealis.scheduler.metrics;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AssignedTask;
import io.borealis.scheduler.state.AgentGateway;
import java.util.List;

/**
 * The scheduling loop's gateway: every task the loop hands to an agent after committing its
 * assignment is one placement. Kills pass through uncounted. Thread-safe as its delegate.
 */
public final class PlacementCounter implements AgentGateway {
    private final AgentGateway delegate;
    private final SchedulerMetrics metrics;

    public PlacementCounter(AgentGateway delegate, SchedulerMetrics metrics) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void launchTasks(AgentInfo agent, List<AssignedTask> tasks) {
        metrics.placed(tasks.size());
        delegate.launchTasks(agent, tasks);
    }

    @Override
    public void killTasks(AgentInfo agent, List<String> taskIds, String message) {
        delegate.killTasks(agent, taskIds, message);
    }

    @Override
    public boolean reaches(String agentId) {
        return delegate.reaches(agentId);
    }
}
