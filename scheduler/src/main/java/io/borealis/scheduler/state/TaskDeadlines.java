package io.borealis.scheduler.state;

import static java.util.Objects.requireNonNull;

import com.google.common.math.LongMath;
import io.borealis.api.model.PartitionPolicy;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.storage.Task;
import java.time.Duration;
import java.util.Optional;

/**
 * The moves time alone makes (reference §2.4-2.6), as a pure function of a task's stored state:
 *
 * <pre>
 *   THROTTLED   --penalty over------------------------> PENDING
 *   ASSIGNED, PREEMPTING, RESTARTING, KILLING, DRAINING
 *               --longer than the transient timeout----> LOST (replaced by the usual rules)
 *   PARTITIONED --policy delaySecs over (reschedule)---> LOST (replaced)
 *               (reschedule=false: waits for its agent indefinitely)
 * </pre>
 *
 * Every deadline counts from {@code statusTimestamp}, when the task entered its state, so a
 * scheduler that restarts finds the same deadlines. Thread-safe: no state.
 */
public final class TaskDeadlines {
    private TaskDeadlines() {}

    /**
     * A move that becomes due at {@code dueAt} (epoch millis).
     *
     * @param message the event's message
     */
    public record TimedMove(TaskStatus to, long dueAt, String message) {
        public TimedMove {
            requireNonNull(to, "to is null");
            requireNonNull(message, "message is null");
        }

        public boolean isDue(long now) {
            return now >= dueAt;
        }
    }

    /**
     * The timed move of {@code task}, if its state has one.
     *
     * @param throttleMillis the flapping penalty of a THROTTLED task (ignored otherwise)
     * @param transientTimeout how long a task may stay in a transient state
     */
    public static Optional<TimedMove> of(Task task, long throttleMillis,
            Duration transientTimeout) {
        TaskStatus status = task.status();
        long since = task.statusTimestamp();
        if (status == TaskStatus.THROTTLED) {
            return Optional.of(new TimedMove(TaskStatus.PENDING, since + throttleMillis,
                    "Throttled for " + seconds(throttleMillis) + " s (flapping): now PENDING"));
        }
        if (TaskTransitions.timesOut(status)) {
            long timeout = transientTimeout.toMillis();
            return Optional.of(new TimedMove(TaskStatus.LOST, since + timeout + 1,
                    "Timed out: " + status + " for more than " + seconds(timeout) + " s"));
        }
        if (status == TaskStatus.PARTITIONED) {
            PartitionPolicy policy = task.config().partitionPolicy();
            if (policy == null) {
                return Optional.of(new TimedMove(TaskStatus.LOST, since,
                        "Partitioned, and the job has no partition policy"));
            }
            if (!policy.reschedule()) {
                return Optional.empty();
            }
            long delay = LongMath.saturatedMultiply(Math.max(0, policy.delaySecs()), 1000);
            return Optional.of(new TimedMove(TaskStatus.LOST, LongMath.saturatedAdd(since, delay),
                    "Partitioned for " + seconds(delay) + " s: the partition policy gives up"));
        }
        return Optional.empty();
    }

    private static long seconds(long millis) {
        return millis / 1000;
    }
}
