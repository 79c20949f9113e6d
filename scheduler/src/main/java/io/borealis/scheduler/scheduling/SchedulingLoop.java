package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.state.AgentGateway;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that places PENDING tasks. It wakes when {@link PendingSignal} is raised (tasks
 * became PENDING, an agent registered) and at least every {@code tick}. Each round reads a
 * snapshot (pending tasks, agents, what the agents hold), decides with {@link Placement}, moves
 * the chosen tasks to ASSIGNED in one write and, after commit, hands the launches to the
 * {@link AgentGateway} (which delivers them on its own threads). A task that fits nowhere stays
 * PENDING and is tried again next round.
 */
public final class SchedulingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);

    private enum State { NEW, RUNNING, STOPPED }

    private final Storage storage;
    private final StateManager stateManager;
    private final AgentGateway gateway;
    private final PendingSignal signal;
    private final Duration tick;
    private final int maxPerRound;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Thread thread;

    public SchedulingLoop(Storage storage, StateManager stateManager, AgentGateway gateway,
            PendingSignal signal, Duration tick, int maxPerRound) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.signal = requireNonNull(signal, "signal is null");
        this.tick = requireNonNull(tick, "tick is null");
        this.maxPerRound = maxPerRound;
        this.thread = new Thread(this::loop, "scheduling-loop");
        this.thread.setDaemon(true);
    }

    public void start() {
        if (state.compareAndSet(State.NEW, State.RUNNING)) {
            thread.start();
        }
    }

    private void loop() {
        while (state.get() == State.RUNNING) {
            try {
                runOnce();
                signal.await(tick);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The next round starts from a fresh snapshot; a storage failure is the likely
                // cause and an operator should look.
                LOG.error("scheduling round failed", e);
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            signal.await(tick);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One round. Called by the loop thread; tests may call it directly instead of starting the
     * loop.
     *
     * @return how many tasks were assigned
     */
    public int runOnce() {
        List<Assignment> assignments = storage.read(store -> {
            List<Task> active = store.tasks().active();
            List<Task> pending = active.stream()
                    .filter(task -> task.status() == TaskStatus.PENDING).toList();
            if (pending.isEmpty()) {
                return List.<Assignment>of();
            }
            Map<String, List<Task>> byAgent = active.stream()
                    .filter(task -> task.agentId() != null)
                    .collect(Collectors.groupingBy(Task::agentId));
            return new Placement(store.agents().fetchAll(), byAgent).place(pending, maxPerRound);
        });
        if (assignments.isEmpty()) {
            return 0;
        }
        return storage.write(store -> {
            Map<String, List<AssignedTask>> launches = new LinkedHashMap<>();
            Map<String, AgentInfo> agents = new LinkedHashMap<>();
            for (Assignment assignment : assignments) {
                String agentId = assignment.agent().agentId();
                Optional<AgentInfo> agent = store.agents().fetch(agentId);
                if (agent.isEmpty()) {
                    continue; // the agent went away since the snapshot; next round decides
                }
                stateManager.assign(store, assignment.taskId(), agent.get(), assignment.ports())
                        .ifPresent(task -> {
                            agents.put(agentId, agent.get());
                            launches.computeIfAbsent(agentId, k -> new ArrayList<>())
                                    .add(task.toAssignedTask());
                        });
            }
            store.afterCommit(() -> launches.forEach(
                    (agentId, tasks) -> gateway.launchTasks(agents.get(agentId), tasks)));
            return launches.values().stream().mapToInt(List::size).sum();
        });
    }

    /** Stops the loop and waits for the round in progress. Idempotent. */
    @Override
    public void close() {
        if (state.getAndSet(State.STOPPED) == State.RUNNING) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
