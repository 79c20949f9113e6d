package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.state.AgentGateway;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.PendingReasons;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.state.TransitionResult;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.tier.Tiers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that places PENDING tasks. It wakes when {@link PendingSignal} is raised (tasks
 * became PENDING, an agent registered) and at least every {@code tick}. Each round reads a
 * snapshot (pending tasks, agents, what the agents hold), decides with {@link RoundPlanner}
 * (placement, then preemption), and in one write moves the chosen tasks to ASSIGNED and the
 * victims of preemptions to PREEMPTING. After commit it hands the launches to the
 * {@link AgentGateway} (which delivers them on its own threads) and holds each preemption's agent
 * for its preemptor. A task that fits nowhere stays PENDING, with its reason in
 * {@link PendingReasons}, and is tried again next round.
 */
public final class SchedulingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);

    private enum State { NEW, RUNNING, STOPPED }

    private final Storage storage;
    private final StateManager stateManager;
    private final AgentGateway gateway;
    private final PendingSignal signal;
    private final RoundPlanner planner;
    private final PendingReasons reasons;
    private final Duration tick;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Thread thread;

    /**
     * With Aurora's default tiers, no host in maintenance, the default preemption delay and a
     * pending-reason cache of its own.
     */
    public SchedulingLoop(Storage storage, StateManager stateManager, AgentGateway gateway,
            PendingSignal signal, Duration tick, int maxPerRound) {
        this(storage, stateManager, gateway, signal, new RoundPlanner(Tiers.auroraDefaults(),
                HostModes.NONE, Clock.systemUTC(), RoundPlanner.Settings.defaults(maxPerRound)),
                new PendingReasons(), tick);
    }

    public SchedulingLoop(Storage storage, StateManager stateManager, AgentGateway gateway,
            PendingSignal signal, RoundPlanner planner, PendingReasons reasons, Duration tick) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.signal = requireNonNull(signal, "signal is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.reasons = requireNonNull(reasons, "reasons is null");
        this.tick = requireNonNull(tick, "tick is null");
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
        // Snapshot in the read, decide outside it: no connection is held while deciding.
        long started = System.nanoTime();
        List<AgentInfo> agents = new ArrayList<>();
        List<Task> active = storage.read(store -> {
            agents.addAll(store.agents().fetchAll());
            return store.tasks().active();
        });
        RoundPlanner.Plan plan = planner.plan(agents, active);
        long decided = System.nanoTime();
        Set<TaskId> placed = new HashSet<>();
        plan.assignments().forEach(assignment -> placed.add(assignment.taskId()));
        reasons.update(plan.pending(), placed, plan.reasons());
        if (plan.writesNothing()) {
            return 0;
        }
        int assigned = storage.write(store -> {
            Map<String, List<AssignedTask>> launches = new LinkedHashMap<>();
            Map<String, AgentInfo> targets = new LinkedHashMap<>();
            for (Assignment assignment : plan.assignments()) {
                String agentId = assignment.agent().agentId();
                Optional<AgentInfo> agent = store.agents().fetch(agentId);
                if (agent.isEmpty()) {
                    continue; // the agent went away since the snapshot; next round decides
                }
                stateManager.assign(store, assignment.taskId(), agent.get(), assignment.ports())
                        .ifPresent(task -> {
                            targets.put(agentId, agent.get());
                            launches.computeIfAbsent(agentId, k -> new ArrayList<>())
                                    .add(task.toAssignedTask());
                        });
            }
            List<Preemption> applied = preempt(store, plan.preemptions());
            store.afterCommit(() -> {
                applied.forEach(planner::preempted);
                launches.forEach((agentId, tasks) -> gateway.launchTasks(targets.get(agentId),
                        tasks));
            });
            return launches.values().stream().mapToInt(List::size).sum();
        });
        LOG.debug("round: {} pending, {} assigned, {} preemptions; decided in {} ms, written in "
                + "{} ms", plan.pending().size(), assigned, plan.preemptions().size(),
                (decided - started) / 1_000_000, (System.nanoTime() - decided) / 1_000_000);
        return assigned;
    }

    /** Moves each preemption's victims to PREEMPTING; returns those that moved any. */
    private List<Preemption> preempt(MutableStoreProvider store, List<Preemption> preemptions) {
        List<Preemption> applied = new ArrayList<>();
        for (Preemption preemption : preemptions) {
            List<TaskId> victims = preemption.victims().stream().map(Task::id).toList();
            boolean moved = stateManager.changeState(store, victims, TaskStatus.PREEMPTING,
                    preemption.message()).stream()
                    .anyMatch(result -> result.outcome() == TransitionResult.Outcome.APPLIED);
            if (moved) {
                LOG.info("task {} preempts {} on {}", preemption.preemptor().id(), victims,
                        preemption.agent().host());
                applied.add(preemption);
            }
        }
        return applied;
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
