package io.borealis.scheduler.lifecycle;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.state.AgentGateway;
import io.borealis.scheduler.state.Flapping;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.state.TaskDeadlines;
import io.borealis.scheduler.state.TaskDeadlines.TimedMove;
import io.borealis.scheduler.state.TransitionResult;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the moves time makes, level-triggered: every {@code tick} it looks at the active tasks
 * (in memory), carries out each {@link TaskDeadlines timed move} that is due (THROTTLED ->
 * PENDING, transient timeout -> LOST, partition policy -> LOST) in one write, and sends again the
 * kills agents have not confirmed ({@link KillRetries}). Deadlines come from stored timestamps
 * and the stored ancestor chain, so after a restart the first tick finds what is due, and a
 * THROTTLED task waits only what is left of its penalty.
 *
 * <p>A move is applied only if the task is still in the state, since the same time, that the
 * decision saw; anything that changed it in between wins. Thread-safe: {@link #runOnce} is
 * serialised; the timer thread calls it, and tests call it with a hand-moved clock.
 */
public final class TaskTimers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskTimers.class);

    /**
     * @param transientTimeout a task in ASSIGNED, PREEMPTING, RESTARTING, KILLING or DRAINING for
     *     longer goes LOST (Aurora's {@code -transient_task_state_timeout}, 5 min)
     * @param killRetryInterval first wait before a kill is sent again; doubles for each retry
     *     (Aurora's {@code -initial_task_kill_retry_interval}, 15 s)
     * @param tick how often deadlines are checked
     */
    public record Settings(Duration transientTimeout, Duration killRetryInterval, Duration tick) {
        public Settings {
            requireNonNull(transientTimeout, "transientTimeout is null");
            requireNonNull(killRetryInterval, "killRetryInterval is null");
            requireNonNull(tick, "tick is null");
            if (!positive(transientTimeout) || !positive(killRetryInterval)
                    || !positive(tick)) {
                throw new IllegalArgumentException(
                        "transient timeout, kill retry interval and tick must be positive");
            }
        }

        private static boolean positive(Duration duration) {
            return !duration.isNegative() && !duration.isZero();
        }
    }

    private final Storage storage;
    private final StateManager stateManager;
    private final Flapping flapping;
    private final AgentGateway agents;
    private final Clock clock;
    private final Settings settings;
    private final KillRetries killRetries;
    /** Flapping penalty of each THROTTLED task, computed once from its ancestor chain. */
    private final Map<TaskId, Long> penalties = new HashMap<>();
    private final ScheduledExecutorService executor;

    public TaskTimers(Storage storage, StateManager stateManager, Flapping flapping,
            AgentGateway agents, Clock clock, Settings settings) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.flapping = requireNonNull(flapping, "flapping is null");
        this.agents = requireNonNull(agents, "agents is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.killRetries = new KillRetries(settings.killRetryInterval().toMillis(),
                Math.max(settings.killRetryInterval().toMillis(),
                        settings.transientTimeout().toMillis()));
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "task-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        long tick = settings.tick().toMillis();
        executor.scheduleWithFixedDelay(this::runQuietly, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // Level-triggered: whatever was due is still due on the next tick.
            LOG.error("task timers failed; retrying on the next tick", e);
        }
    }

    /**
     * One round: applies the timed moves due now and retries the kills due now.
     *
     * @return how many tasks moved
     */
    public synchronized int runOnce() {
        long now = clock.millis();
        List<Task> active = storage.read(store -> store.tasks().active());
        List<Due> due = new ArrayList<>();
        for (Task task : active) {
            long penalty = task.status() == TaskStatus.THROTTLED ? penalty(task) : 0;
            TaskDeadlines.of(task, penalty, settings.transientTimeout())
                    .filter(move -> move.isDue(now))
                    .ifPresent(move -> due.add(new Due(task, move)));
        }
        forgetPenaltiesOfOthers(active);
        int moved = due.isEmpty() ? 0 : storage.write(store -> apply(store, due, now));
        retryKills(active, now);
        return moved;
    }

    private long penalty(Task task) {
        return penalties.computeIfAbsent(task.id(), id -> storage.read(
                store -> flapping.penaltyFromChain(store, task.ancestorId())));
    }

    private void forgetPenaltiesOfOthers(List<Task> active) {
        Set<TaskId> throttled = new HashSet<>();
        for (Task task : active) {
            if (task.status() == TaskStatus.THROTTLED) {
                throttled.add(task.id());
            }
        }
        penalties.keySet().retainAll(throttled);
    }

    /** A timed move that was due for {@code task} as a round saw it. */
    private record Due(Task task, TimedMove move) {}

    private int apply(MutableStoreProvider store, List<Due> due, long now) {
        int moved = 0;
        for (Due entry : due) {
            Task seen = entry.task();
            Optional<Task> current = store.tasks().fetch(seen.id());
            if (current.isEmpty() || current.get().status() != seen.status()
                    || current.get().statusTimestamp() != seen.statusTimestamp()) {
                continue; // it moved since: that move decides
            }
            TimedMove move = entry.move();
            Optional<TransitionResult> result =
                    stateManager.changeState(store, seen.id(), move.to(), now, move.message());
            if (result.isPresent()
                    && result.get().outcome() == TransitionResult.Outcome.APPLIED) {
                moved++;
            } else {
                result.ifPresent(r -> LOG.warn("timed move of task {} refused: {}", seen.id(),
                        r.message()));
            }
        }
        return moved;
    }

    private void retryKills(List<Task> active, long now) {
        List<KillRetries.Retry> due = killRetries.due(active, now);
        if (due.isEmpty()) {
            return;
        }
        Map<String, List<String>> byAgent = new LinkedHashMap<>();
        for (KillRetries.Retry retry : due) {
            Task task = retry.task();
            LOG.info("task {} still {} after {} s: kill sent again (retry {})", task.id(),
                    task.status(), (now - task.statusTimestamp()) / 1000, retry.attempt());
            byAgent.computeIfAbsent(task.agentId(), k -> new ArrayList<>())
                    .add(task.id().value());
        }
        Map<String, AgentInfo> known = storage.read(store -> {
            Map<String, AgentInfo> found = new HashMap<>();
            for (String agentId : byAgent.keySet()) {
                store.agents().fetch(agentId).ifPresent(agent -> found.put(agentId, agent));
            }
            return found;
        });
        // An agent we no longer know gets its kills through reconciliation when it comes back.
        byAgent.forEach((agentId, ids) -> {
            AgentInfo agent = known.get(agentId);
            if (agent != null) {
                agents.killTasks(agent, ids, "Kill retried: the task is still being stopped");
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
