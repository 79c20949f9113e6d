package io.borealis.scheduler.state;

import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import static io.borealis.api.model.TaskStatus.ASSIGNED;
import static io.borealis.api.model.TaskStatus.DRAINING;
import static io.borealis.api.model.TaskStatus.FAILED;
import static io.borealis.api.model.TaskStatus.FINISHED;
import static io.borealis.api.model.TaskStatus.INIT;
import static io.borealis.api.model.TaskStatus.KILLED;
import static io.borealis.api.model.TaskStatus.KILLING;
import static io.borealis.api.model.TaskStatus.LOST;
import static io.borealis.api.model.TaskStatus.PARTITIONED;
import static io.borealis.api.model.TaskStatus.PENDING;
import static io.borealis.api.model.TaskStatus.PREEMPTING;
import static io.borealis.api.model.TaskStatus.RESTARTING;
import static io.borealis.api.model.TaskStatus.RUNNING;
import static io.borealis.api.model.TaskStatus.STARTING;
import static io.borealis.api.model.TaskStatus.THROTTLED;
import static io.borealis.scheduler.state.TransitionResult.Effect.INCREMENT_FAILURES;
import static io.borealis.scheduler.state.TransitionResult.Effect.KILL;
import static io.borealis.scheduler.state.TransitionResult.Effect.RESCHEDULE;
import static io.borealis.scheduler.state.TransitionResult.Effect.SAVE;

import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.state.TransitionResult.Effect;
import io.borealis.scheduler.state.TransitionResult.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task state machine: one table of legal moves and one pure function. Aurora's states and
 * rules (reference §2.2-2.3):
 *
 * <pre>
 *  INIT -> PENDING -> ASSIGNED -> STARTING -> RUNNING -> FINISHED | FAILED | KILLED | LOST
 *     \-> THROTTLED -/    |           |          |
 *                         |           +----------+--> KILLING -> KILLED (no replacement)
 *                         |                      +--> RESTARTING | DRAINING | PREEMPTING
 *                         |                               -> terminal (always replaced)
 *  PENDING/THROTTLED --kill--> KILLED at once (never launched)
 *  STARTING/RUNNING <-> PARTITIONED -> LOST (a kill in flight goes straight to LOST)
 * </pre>
 *
 * <p>Replacement ("RESCHEDULE") follows Aurora: a service is replaced whenever it ends, unless a
 * user killed it; a non-service task is replaced after FAILED while its failure count stays below
 * {@code maxTaskFailures} (or when that is -1), after LOST, and after a KILLED nobody asked for;
 * FINISHED ends a non-service task for good. RESTARTING, DRAINING and PREEMPTING always end in a
 * replacement. A replacement ({@link #replacement}) is a new task with its own id whose
 * {@code ancestorId} is the ended one; it starts THROTTLED instead of PENDING while the
 * {@link Flapping} penalty of its ancestor chain lasts.
 *
 * <p>Timed moves ({@link TaskDeadlines}): THROTTLED -> PENDING when the penalty is over;
 * ASSIGNED, PREEMPTING, RESTARTING, KILLING, DRAINING -> LOST after the transient timeout
 * ({@link #timesOut}); PARTITIONED -> LOST after the partition policy's delay. When an agent is
 * declared lost its tasks go PARTITIONED or LOST ({@link #onAgentLost}).
 *
 * <p>A report of a live state (ASSIGNED, STARTING, RUNNING) for a task the scheduler is killing or
 * has given up on is stale: it changes nothing but asks for the kill again (Aurora's zombie rule).
 * Thread-safe: no state.
 */
public final class TaskTransitions {
    /** Requested kinds of kill: the agent is told to stop the task. */
    private static final Set<TaskStatus> GOING_AWAY =
            EnumSet.of(KILLING, RESTARTING, DRAINING, PREEMPTING);
    /** Kills the scheduler itself asked for on the way to a replacement. */
    private static final Set<TaskStatus> REPLACING = EnumSet.of(RESTARTING, DRAINING, PREEMPTING);
    /** States an agent reports while the task still runs (or is about to). */
    private static final Set<TaskStatus> LIVE = EnumSet.of(ASSIGNED, STARTING, RUNNING);
    /**
     * Transient states a task may not stay in for longer than the transient timeout (Aurora at
     * HEAD, reference §2.5): it goes LOST. STARTING is not one, since health checks can keep a
     * task there legitimately.
     */
    private static final Set<TaskStatus> TIMES_OUT = Collections.unmodifiableSet(
            EnumSet.of(ASSIGNED, PREEMPTING, RESTARTING, KILLING, DRAINING));
    /** States a partition policy applies in: the task was running (reference §2.6). */
    private static final Set<TaskStatus> PARTITIONABLE = EnumSet.of(STARTING, RUNNING);

    private static final Map<TaskStatus, Set<TaskStatus>> LEGAL = legalMoves();

    private TaskTransitions() {}

    private static Map<TaskStatus, Set<TaskStatus>> legalMoves() {
        Map<TaskStatus, Set<TaskStatus>> legal = new EnumMap<>(TaskStatus.class);
        Set<TaskStatus> ends = EnumSet.of(FINISHED, FAILED, KILLED, LOST);
        legal.put(INIT, EnumSet.of(PENDING, THROTTLED));
        legal.put(THROTTLED, EnumSet.of(PENDING, KILLING));
        legal.put(PENDING, EnumSet.of(ASSIGNED, KILLING));
        legal.put(ASSIGNED, union(ends, EnumSet.of(STARTING, RUNNING), GOING_AWAY));
        legal.put(STARTING, union(ends, EnumSet.of(RUNNING, PARTITIONED), GOING_AWAY));
        legal.put(RUNNING, union(ends, EnumSet.of(PARTITIONED), GOING_AWAY));
        for (TaskStatus replacing : REPLACING) {
            legal.put(replacing, union(ends, EnumSet.of(KILLING, PARTITIONED)));
        }
        legal.put(KILLING, union(ends, EnumSet.of(PARTITIONED)));
        legal.put(PARTITIONED,
                union(EnumSet.of(ASSIGNED, STARTING, RUNNING, FINISHED, FAILED, LOST), GOING_AWAY));
        for (TaskStatus status : TaskStatus.values()) {
            legal.putIfAbsent(status, EnumSet.noneOf(TaskStatus.class));
        }
        return Collections.unmodifiableMap(legal);
    }

    @SafeVarargs
    private static Set<TaskStatus> union(Set<TaskStatus>... sets) {
        Set<TaskStatus> all = EnumSet.noneOf(TaskStatus.class);
        for (Set<TaskStatus> set : sets) {
            all.addAll(set);
        }
        return Collections.unmodifiableSet(all);
    }

    /** Whether a task in {@code status} goes LOST once it has stayed there too long. */
    public static boolean timesOut(TaskStatus status) {
        return TIMES_OUT.contains(status);
    }

    /** Whether a task in {@code status} is being stopped (KILLING, RESTARTING, ...). */
    public static boolean isStopping(TaskStatus status) {
        return GOING_AWAY.contains(status);
    }

    /**
     * What a task on an agent declared lost becomes: PARTITIONED when it was STARTING or RUNNING
     * and its job has a partition policy (or it is PARTITIONED already), LOST otherwise (a task
     * being stopped, one still ASSIGNED, or one without a policy).
     */
    public static TaskStatus onAgentLost(Task task) {
        boolean policy = task.config().partitionPolicy() != null;
        if (task.status() == PARTITIONED || (policy && PARTITIONABLE.contains(task.status()))) {
            return PARTITIONED;
        }
        return LOST;
    }

    /**
     * The replacement of {@code ended} (effect RESCHEDULE): a new task in INIT with id {@code id},
     * for the same instance and configuration, never placed, carrying the failure count, with
     * {@code ended} as its ancestor.
     */
    public static Task replacement(Task ended, TaskId id, long now) {
        return Task.unplaced(id, ended.config(), ended.instanceId(), INIT, now,
                ended.failureCount(), ended.id());
    }

    /** Where a new task goes from INIT: THROTTLED while a flapping penalty applies. */
    public static TaskStatus initialStatus(long penaltyMillis) {
        return penaltyMillis > 0 ? THROTTLED : PENDING;
    }

    /** Whether {@code from -> to} is in the table (before any rewriting of the target). */
    public static boolean isLegal(TaskStatus from, TaskStatus to) {
        return LEGAL.get(from).contains(to);
    }

    /**
     * Decides what {@code event} does to {@code task}. Pure: the caller executes the effects.
     * The event's status is the requested or reported state; the resulting state can differ
     * (a kill of a PENDING task ends it as KILLED at once).
     */
    public static TransitionResult apply(Task task, TaskEvent event) {
        TaskStatus from = task.status();
        TaskStatus requested = event.status();
        if (from == requested) {
            return noop(task, List.of());
        }
        if (LIVE.contains(requested) && (GOING_AWAY.contains(from) || from.isTerminal())) {
            return noop(task, List.of(KILL));
        }
        if (!isLegal(from, requested)) {
            return new TransitionResult(Outcome.ILLEGAL, task, List.of(),
                    String.format("cannot move task %s from %s to %s", task.id(), from, requested));
        }
        TaskStatus to = resolve(from, requested);
        List<Effect> effects = effects(task, from, requested, to);
        Task next = task.withStatus(to, event.timestamp());
        if (effects.contains(INCREMENT_FAILURES)) {
            next = next.withFailureCount(task.failureCount() + 1);
        }
        return new TransitionResult(Outcome.APPLIED, next, effects, "");
    }

    /** The state a legal request really leads to. */
    private static TaskStatus resolve(TaskStatus from, TaskStatus requested) {
        if (requested == KILLING && (from == PENDING || from == THROTTLED)) {
            return KILLED; // never launched: nothing to wait for
        }
        if (requested == PARTITIONED && GOING_AWAY.contains(from)) {
            return LOST; // a partition never blocks a kill, restart or drain
        }
        if (from == PARTITIONED && GOING_AWAY.contains(requested)) {
            return LOST;
        }
        return requested;
    }

    private static List<Effect> effects(
            Task task, TaskStatus from, TaskStatus requested, TaskStatus to) {
        List<Effect> effects = new ArrayList<>();
        effects.add(SAVE);
        boolean userKilled = from == KILLING || requested == KILLING;
        boolean replacing = REPLACING.contains(from) || REPLACING.contains(requested);
        boolean launched = from != PENDING && from != THROTTLED;
        boolean service = task.config().isService();
        switch (to) {
            case INIT, PENDING, THROTTLED, ASSIGNED, STARTING, RUNNING, PARTITIONED -> { }
            case KILLING, RESTARTING, DRAINING, PREEMPTING -> effects.add(KILL);
            case FINISHED -> {
                if (replacing || (service && !userKilled)) {
                    effects.add(RESCHEDULE);
                }
            }
            case FAILED -> {
                effects.add(INCREMENT_FAILURES);
                if (replacing || (!userKilled && (service || underFailureLimit(task)))) {
                    effects.add(RESCHEDULE);
                }
            }
            case KILLED -> {
                if (launched && (replacing || !userKilled)) {
                    effects.add(RESCHEDULE);
                }
            }
            case LOST -> {
                effects.add(KILL);
                if (replacing || !userKilled) {
                    effects.add(RESCHEDULE);
                }
            }
        }
        return effects;
    }

    /** Aurora's rule, counting the failure at hand: -1 means no limit. */
    private static boolean underFailureLimit(Task task) {
        int max = task.config().maxTaskFailures();
        return max == -1 || task.failureCount() + 1 < max;
    }

    private static TransitionResult noop(Task task, List<Effect> effects) {
        return new TransitionResult(Outcome.NOOP, task, effects, "");
    }
}
