package io.borealis.scheduler.state;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Aurora's flapping penalty (reference §2.4): a replacement waits in THROTTLED when the task it
 * replaces flapped, that is ended on its own (FINISHED, FAILED, or KILLED unasked) less than
 * {@code threshold} after entering its last active state, with no RESTARTING, KILLING, DRAINING
 * or PREEMPTING in its history. The penalty is a truncated binary backoff walked up the ancestor
 * chain: {@code initialDelay} for one flapped ancestor, doubled for each further consecutive
 * one, never more than {@code maxDelay}.
 *
 * <p>Unlike Aurora, a LOST ancestor never counts as flapping: a task lost with its agent did
 * nothing wrong, and throttling it would hold every replacement of a dead agent's young tasks back
 * by 30 s (scheduler/README.md, "Lifecycle"). Preempted tasks are likewise exempt.
 *
 * <p>The penalty is a function of stored history only, so it is the same when the scheduler
 * computes it again after a restart. Thread-safe: no mutable state.
 */
public final class Flapping {
    /** States that mean someone stopped the task on purpose: no penalty for its replacement. */
    private static final Set<TaskStatus> INTERRUPTED = EnumSet.of(TaskStatus.RESTARTING,
            TaskStatus.KILLING, TaskStatus.DRAINING, TaskStatus.PREEMPTING);
    /** Ends the task brought about itself. */
    private static final Set<TaskStatus> OWN_ENDS =
            EnumSet.of(TaskStatus.FINISHED, TaskStatus.FAILED, TaskStatus.KILLED);

    /**
     * @param threshold an ancestor that ran less than this flapped (Aurora's
     *     {@code -flapping_task_threshold}, 5 min)
     * @param initialDelay penalty for one flapped ancestor ({@code -initial_flapping_task_delay},
     *     30 s)
     * @param maxDelay the penalty's cap ({@code -max_flapping_task_delay}, 5 min)
     */
    public record Settings(Duration threshold, Duration initialDelay, Duration maxDelay) {
        /** Aurora's defaults. */
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5));

        public Settings {
            requireNonNull(threshold, "threshold is null");
            requireNonNull(initialDelay, "initialDelay is null");
            requireNonNull(maxDelay, "maxDelay is null");
            if (threshold.isNegative() || initialDelay.isNegative()) {
                throw new IllegalArgumentException("flapping threshold and delays must not be "
                        + "negative");
            }
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("max flapping task delay " + maxDelay
                        .toSeconds() + " s is less than the initial delay "
                        + initialDelay.toSeconds() + " s");
            }
        }
    }

    private final Settings settings;

    public Flapping(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Whether a task with this history flapped. {@code history} is the task's events, oldest
     * first, ending with its terminal event. Pure.
     */
    public boolean flapped(List<TaskEvent> history) {
        if (history.size() < 2) {
            return false;
        }
        TaskEvent end = history.get(history.size() - 1);
        if (!OWN_ENDS.contains(end.status())) {
            return false;
        }
        for (TaskEvent event : history) {
            if (INTERRUPTED.contains(event.status())) {
                return false;
            }
        }
        TaskEvent lastActive = history.get(history.size() - 2);
        return end.timestamp() - lastActive.timestamp() < settings.threshold().toMillis();
    }

    /**
     * The penalty for a replacement whose ancestors, nearest first, have these histories: the
     * backoff grows with each consecutive flapped ancestor and stops at the first that did not
     * flap or at the cap. Pure.
     */
    public long penaltyMillis(List<List<TaskEvent>> ancestorHistories) {
        long penalty = 0;
        if (disabled()) {
            return 0;
        }
        for (List<TaskEvent> history : ancestorHistories) {
            if (!flapped(history)) {
                break;
            }
            penalty = next(penalty);
            if (penalty >= settings.maxDelay().toMillis()) {
                break;
            }
        }
        return penalty;
    }

    /** A zero threshold or initial delay turns the penalty off. */
    private boolean disabled() {
        return settings.threshold().isZero() || settings.initialDelay().isZero();
    }

    private long next(long penalty) {
        long max = settings.maxDelay().toMillis();
        if (penalty == 0) {
            return Math.min(settings.initialDelay().toMillis(), max);
        }
        return penalty > max / 2 ? max : penalty * 2;
    }

    /**
     * The penalty for a replacement of {@code ended}, which has just moved to its terminal state
     * from {@code before}. Decides from the two versions alone when {@code ended} cannot have
     * flapped (the common case: no read), otherwise walks the stored ancestor chain.
     */
    public long penaltyForReplacementOf(StoreProvider store, Task before, Task ended) {
        boolean mayHaveFlapped = !disabled() && OWN_ENDS.contains(ended.status())
                && !INTERRUPTED.contains(before.status())
                && ended.statusTimestamp() - before.statusTimestamp()
                        < settings.threshold().toMillis();
        return mayHaveFlapped ? penaltyFromChain(store, ended.id()) : 0;
    }

    /**
     * The penalty of a task whose nearest ancestor is {@code ancestor}, from the stored chain:
     * what a THROTTLED task waits out (again after a restart). No ancestor: no penalty.
     */
    public long penaltyFromChain(StoreProvider store, @Nullable TaskId ancestor) {
        long penalty = 0;
        if (disabled()) {
            return 0;
        }
        TaskId current = ancestor;
        while (current != null) {
            Optional<Task> task = store.tasks().fetch(current);
            if (task.isEmpty()) {
                break; // pruned: the chain ends here
            }
            List<TaskEvent> history =
                    store.tasks().events(List.of(current)).getOrDefault(current, List.of());
            if (!flapped(history)) {
                break;
            }
            penalty = next(penalty);
            if (penalty >= settings.maxDelay().toMillis()) {
                break;
            }
            current = task.get().ancestorId();
        }
        return penalty;
    }
}
