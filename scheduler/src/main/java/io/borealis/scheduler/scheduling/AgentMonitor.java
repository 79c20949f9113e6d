package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.state.TaskTransitions;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on agents that went silent: every {@code interval}, an agent not heard from for longer
 * than {@code timeout} is declared lost and forgotten, with its tasks' resource samples. Its
 * active tasks go LOST (and are replaced as the state machine says), except STARTING and RUNNING
 * tasks of jobs with a partition policy, which go PARTITIONED
 * ({@link TaskTransitions#onAgentLost}) and wait for the agent as their policy says. If the
 * agent comes back, its next heartbeat is told to re-register; after that its heartbeats bring
 * PARTITIONED tasks back to RUNNING ({@link AgentManager#heartbeat}) and get the LOST ones killed.
 * An agent the scheduler has not heard from since it started gets the full timeout from then.
 */
public final class AgentMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMonitor.class);

    private final Storage storage;
    private final StateManager stateManager;
    private final AgentLiveness liveness;
    private final TaskUsageCache usages;
    private final Clock clock;
    private final Duration timeout;
    private final Duration interval;
    private final ScheduledExecutorService executor;

    public AgentMonitor(Storage storage, StateManager stateManager, AgentLiveness liveness,
            TaskUsageCache usages, Clock clock, Duration timeout, Duration interval) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.liveness = requireNonNull(liveness, "liveness is null");
        this.usages = requireNonNull(usages, "usages is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agent-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            // Retried on the next tick; a repeated failure points at storage.
            LOG.error("agent liveness check failed", e);
        }
    }

    /** One check. Returns how many agents were given up on. */
    public int checkOnce() {
        long now = clock.millis();
        int gone = 0;
        for (AgentInfo agent : storage.read(store -> store.agents().fetchAll())) {
            OptionalLong seen = liveness.lastSeen(agent.agentId());
            if (seen.isEmpty()) {
                liveness.touch(agent.agentId(), now);
            } else if (now - seen.getAsLong() > timeout.toMillis()) {
                giveUp(agent.agentId(), now - seen.getAsLong());
                gone++;
            }
        }
        return gone;
    }

    private void giveUp(String agentId, long silentMillis) {
        String message = "Agent " + agentId + " silent for more than "
                + timeout.toSeconds() + " s";
        Map<TaskStatus, List<TaskId>> moved = storage.write(store -> {
            // Forget the agent first, so that no kill is pushed to it.
            store.agents().delete(agentId);
            Map<TaskStatus, List<TaskId>> byTarget = new EnumMap<>(TaskStatus.class);
            for (Task task : store.tasks().activeOnAgent(agentId)) {
                byTarget.computeIfAbsent(TaskTransitions.onAgentLost(task),
                        k -> new ArrayList<>()).add(task.id());
            }
            byTarget.forEach((to, ids) -> stateManager.changeState(store, ids, to, message));
            return byTarget;
        });
        liveness.forget(agentId);
        usages.forgetAgent(agentId);
        LOG.warn("agent {} silent for {} ms: forgotten, {} tasks LOST, {} PARTITIONED", agentId,
                silentMillis, moved.getOrDefault(TaskStatus.LOST, List.of()).size(),
                moved.getOrDefault(TaskStatus.PARTITIONED, List.of()).size());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
