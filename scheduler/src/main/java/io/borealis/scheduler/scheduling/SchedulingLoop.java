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
 * (placement, then preemption), moves the chosen tasks to ASSIGNED in writes of
 * {@link #WRITE_CHUNK} and then the victims of preemptions to PREEMPTING. After each commit it
 * hands that write's launches to the {@link AgentGateway} (which delivers them on its own
 * threads) and holds each preemption's agent for its preemptor. A task that fits nowhere stays PENDING, with its reason in
 * {@link PendingReasons}, and is tried again next round.
 */
public final class SchedulingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);

    private enum State { NEW, RUNNING, STOPPED }

    /**
     * Assignments written per transaction. A round of 50,000 placements in one H2 transaction
     * spends most of its time growing and committing the undo log; chunks of a few thousand
     * commit in about a third of the time (scheduler/README.md, "Figures"). Each chunk launches
     * its tasks as soon as it commits, so the first tasks also start sooner.
     */
    static final int WRITE_CHUNK = Integer.getInteger("borealis.round.writeChunk", 2_000);

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
        agents.removeIf(agent -> !gateway.reaches(agent.agentId()));
        RoundPlanner.Plan plan = planner.plan(agents, active);
        long decided = System.nanoTime();
        Set<TaskId> placed = new HashSet<>();
        plan.assignments().forEach(assignment -> placed.add(assignment.taskId()));
        reasons.update(plan.pending(), placed, plan.reasons());
        if (plan.writesNothing()) {
            return 0;
        }
        int assigned = 0;
        List<Assignment> assignments = plan.assignments();
        for (int from = 0; from < assignments.size(); from += WRITE_CHUNK) {
            List<Assignment> chunk =
                    assignments.subList(from, Math.min(assignments.size(), from + WRITE_CHUNK));
            assigned += storage.write(store -> assign(store, chunk));
        }
        if (!plan.preemptions().isEmpty()) {
            storage.write(store -> {
                List<Preemption> applied = preempt(store, plan.preemptions());
                store.afterCommit(() -> applied.forEach(planner::preempted));
                return applied.size();
            });
        }
        LOG.debug("round: {} pending, {} assigned, {} preemptions; decided in {} ms, written in "
                + "{} ms", plan.pending().size(), assigned, plan.preemptions().size(),
                (decided - started) / 1_000_000, (System.nanoTime() - decided) / 1_000_000);
        return assigned;
    }

    /**
     * Moves one chunk of the round's assignments to ASSIGNED; after commit, hands them to their
     * agents. An agent gone since the snapshot is skipped: the next round decides again.
     *
     * @return how many tasks were assigned
     */
    private int assign(MutableStoreProvider store, List<Assignment> chunk) {
        Map<String, List<AssignedTask>> launches = new LinkedHashMap<>();
        Map<String, AgentInfo> targets = new LinkedHashMap<>();
        for (Assignment assignment : chunk) {
            String agentId = assignment.agent().agentId();
            Optional<AgentInfo> agent = store.agents().fetch(agentId);
            if (agent.isEmpty()) {
                continue;
            }
            stateManager.assign(store, assignment.taskId(), agent.get(), assignment.ports())
                    .ifPresent(task -> {
                        targets.put(agentId, agent.get());
                        launches.computeIfAbsent(agentId, k -> new ArrayList<>())
                                .add(task.toAssignedTask());
                    });
        }
        store.afterCommit(() -> launches.forEach((agentId, tasks) ->
                gateway.launchTasks(targets.get(agentId), tasks)));
        return launches.values().stream().mapToInt(List::size).sum();
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
