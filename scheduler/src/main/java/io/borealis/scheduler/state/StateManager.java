package io.borealis.scheduler.state;

import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.state.TransitionResult.Effect;
import io.borealis.scheduler.state.TransitionResult.Outcome;
import io.borealis.scheduler.storage.MutableStoreProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of tasks. Every method runs inside the caller's write
 * ({@code storage.write(store -> stateManager.changeState(store, ...))}), so a caller can move many
 * tasks in one transaction. For each task it asks {@link TaskTransitions} what to do and executes
 * the effects in order: SAVE stores the task and appends its event (one INFO line per
 * transition); RESCHEDULE creates the replacement (a new task linked to its ancestor, THROTTLED
 * instead of PENDING while its {@link Flapping} penalty lasts); KILL and the wake-up of the
 * scheduling loop are queued with {@code afterCommit}, so no agent or thread hears of a change
 * that was not stored.
 *
 * <p>Thread-safe: holds no mutable state; storage serialises the writes.
 */
public final class StateManager {
    private static final Logger LOG = LoggerFactory.getLogger(StateManager.class);

    private final Clock clock;
    private final AgentGateway agents;
    private final PendingSignal pending;
    private final String schedulerName;
    private final Flapping flapping;
    private final PendingSignal settled;

    /** With Aurora's flapping penalty ({@link Flapping.Settings#DEFAULTS}). */
    public StateManager(Clock clock, AgentGateway agents, PendingSignal pending,
            String schedulerName) {
        this(clock, agents, pending, schedulerName, new Flapping(Flapping.Settings.DEFAULTS));
    }

    public StateManager(Clock clock, AgentGateway agents, PendingSignal pending,
            String schedulerName, Flapping flapping) {
        this(clock, agents, pending, schedulerName, flapping, new PendingSignal());
    }

    /**
     * @param settled raised after a commit that made a task RUNNING or ended one: what the
     *     update controller waits for between its rounds
     */
    public StateManager(Clock clock, AgentGateway agents, PendingSignal pending,
            String schedulerName, Flapping flapping, PendingSignal settled) {
        this.settled = requireNonNull(settled, "settled is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.agents = requireNonNull(agents, "agents is null");
        this.pending = requireNonNull(pending, "pending is null");
        this.schedulerName = requireNonNull(schedulerName, "schedulerName is null");
        this.flapping = requireNonNull(flapping, "flapping is null");
    }

    /** Creates one PENDING task per instance id (INIT -> PENDING). */
    public List<Task> insertPendingTasks(MutableStoreProvider store, TaskConfig config,
            Collection<Integer> instanceIds) {
        List<Task> created = new ArrayList<>();
        for (int instanceId : instanceIds) {
            Task init = Task.unplaced(TaskId.next(clock, config.job(), instanceId), config,
                    instanceId, TaskStatus.INIT, clock.millis(), 0, null);
            created.add(insert(store, init, TaskStatus.PENDING, "Task created"));
        }
        return created;
    }

    private Task insert(MutableStoreProvider store, Task init, TaskStatus to, String message) {
        Batch batch = new Batch();
        TransitionResult result = transition(store, init, to, clock.millis(), message, batch);
        batch.finish(store);
        return result.task();
    }

    /**
     * Moves each task in {@code ids} towards {@code to}, timestamped now. Unknown ids are skipped.
     * Refused moves are returned with outcome ILLEGAL and change nothing.
     */
    public List<TransitionResult> changeState(MutableStoreProvider store, Collection<TaskId> ids,
            TaskStatus to, String message) {
        Batch batch = new Batch();
        List<TransitionResult> results = new ArrayList<>();
        long now = clock.millis();
        for (TaskId id : ids) {
            Optional<Task> task = store.tasks().fetch(id);
            task.ifPresent(t -> results.add(transition(store, t, to, now, message, batch)));
        }
        batch.finish(store);
        return results;
    }

    /** Moves one task towards {@code to} at {@code timestamp} (as an agent observed it). */
    public Optional<TransitionResult> changeState(MutableStoreProvider store, TaskId id,
            TaskStatus to, long timestamp, String message) {
        Optional<Task> task = store.tasks().fetch(id);
        if (task.isEmpty()) {
            return Optional.empty();
        }
        Batch batch = new Batch();
        TransitionResult result = transition(store, task.get(), to, timestamp, message, batch);
        batch.finish(store);
        return Optional.of(result);
    }

    /**
     * Places a PENDING task on {@code agent} with {@code ports} (PENDING -> ASSIGNED). The caller
     * pushes the launch after commit.
     *
     * @return the assigned task, or empty when the task is gone or no longer PENDING
     */
    public Optional<Task> assign(MutableStoreProvider store, TaskId id, AgentInfo agent,
            Map<String, Integer> ports) {
        Optional<Task> task = store.tasks().fetch(id);
        if (task.isEmpty() || task.get().status() != TaskStatus.PENDING) {
            return Optional.empty();
        }
        Task placed = task.get().withPlacement(agent.agentId(), agent.host(), ports,
                agent.observerUrl());
        TransitionResult result = transition(store, placed, TaskStatus.ASSIGNED, clock.millis(),
                "Assigned to " + agent.host(), new Batch());
        return result.outcome() == Outcome.APPLIED ? Optional.of(result.task()) : Optional.empty();
    }

    private TransitionResult transition(MutableStoreProvider store, Task task, TaskStatus to,
            long timestamp, String message, Batch batch) {
        TaskEvent event = new TaskEvent(timestamp, to, message, schedulerName);
        TransitionResult result = TaskTransitions.apply(task, event);
        for (Effect effect : result.effects()) {
            switch (effect) {
                case SAVE -> save(store, task.status(), result.task(), message);
                case KILL -> batch.kill(result.task(), message);
                case INCREMENT_FAILURES -> { } // counted in result.task() already
                case RESCHEDULE -> reschedule(store, task, result.task());
            }
        }
        if (result.outcome() == Outcome.APPLIED && result.task().status().isTerminal()) {
            batch.ended(result.task());
        }
        return result;
    }

    private void save(MutableStoreProvider store, TaskStatus from, Task task, String message) {
        store.tasks().save(task);
        store.tasks().addEvent(task.id(),
                new TaskEvent(task.statusTimestamp(), task.status(), message, schedulerName));
        LOG.info("task {} {} -> {} ({})", task.id(), from, task.status(), message);
        if (task.status() == TaskStatus.PENDING) {
            store.afterCommit(pending::raise);
        } else if (task.status() == TaskStatus.RUNNING || task.status().isTerminal()) {
            store.afterCommit(settled::raise);
        }
    }

    /**
     * Creates the replacement of {@code ended} (which was {@code before} until this transition):
     * PENDING, or THROTTLED while the flapping penalty of its ancestors lasts (released by the
     * lifecycle timers, which compute the same penalty from the stored chain).
     */
    private void reschedule(MutableStoreProvider store, Task before, Task ended) {
        long penalty = flapping.penaltyForReplacementOf(store, before, ended);
        Task init = TaskTransitions.replacement(ended,
                TaskId.next(clock, ended.jobKey(), ended.instanceId()), clock.millis());
        String message = "Rescheduled: " + ended.id() + " ended " + ended.status();
        if (penalty > 0) {
            message += "; throttled for " + penalty / 1000 + " s (flapping)";
        }
        insert(store, init, TaskTransitions.initialStatus(penalty), message);
    }

    /**
     * What one call gathers for its end: kills, sent per agent after commit, and the jobs whose
     * tasks ended, which are removed once none of their tasks is active (as in Aurora, where a job
     * without active tasks is gone), unless an update of the job is active.
     */
    private final class Batch {
        private final Map<String, List<String>> killsByAgent = new LinkedHashMap<>();
        private final Map<String, String> messages = new LinkedHashMap<>();
        private final Set<JobKey> endedJobs = new LinkedHashSet<>();

        void kill(Task task, String message) {
            if (task.agentId() != null) {
                killsByAgent.computeIfAbsent(task.agentId(), k -> new ArrayList<>())
                        .add(task.id().value());
                messages.putIfAbsent(task.agentId(), message);
            }
        }

        void ended(Task task) {
            endedJobs.add(task.jobKey());
        }

        void finish(MutableStoreProvider store) {
            killsByAgent.forEach((agentId, taskIds) -> {
                // An agent we no longer know gets its kills through reconciliation when it
                // re-registers and reports the tasks.
                store.agents().fetch(agentId).ifPresent(agent -> {
                    String message = messages.get(agentId);
                    store.afterCommit(() -> agents.killTasks(agent, taskIds, message));
                });
            });
            for (JobKey job : endedJobs) {
                // A cron job stays between its runs; only cron deschedule removes it. An update
                // replacing the job's last instance re-creates it: the job stays.
                if (!store.tasks().hasActive(job)
                        && store.updates().active(job).isEmpty()
                        && store.jobs().fetch(job).filter(j -> j.cronSchedule() == null)
                                .isPresent()
                        && store.jobs().delete(job)) {
                    LOG.info("job {} has no active tasks left; removed", job);
                }
            }
        }
    }
}
