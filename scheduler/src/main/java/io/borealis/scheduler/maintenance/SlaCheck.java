package io.borealis.scheduler.maintenance;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a job's Count or Percentage SLA policy lets one of its tasks be drained (or, for an
 * {@code sla_aware} update, killed to be replaced) now (Aurora's
 * {@code CountSlaPolicy} and {@code PercentageSlaPolicy}). "Up" means RUNNING, continuously for
 * at least the policy's {@code durationSecs} (since the task's RUNNING event). The task to drain
 * never counts, nor do tasks already chosen to drain:
 *
 * <ul>
 *   <li>Count: at least {@code count} other instances are up;
 *   <li>Percentage: the other instances up are at least {@code percentage} % of the job's active
 *       instances (the task to drain included).
 * </ul>
 *
 * A replacement counts only once it has been RUNNING for the duration, so while a host drains
 * the job never has fewer instances up than its policy asks. Pure; thread-safe.
 */
public final class SlaCheck {
    /** The answer, with the words the maintenance page shows for a task that waits. */
    public record Verdict(boolean allowed, String reason) {
        public Verdict {
            requireNonNull(reason, "reason is null");
        }
    }

    private SlaCheck() {}

    /**
     * @param policy a Count or Percentage policy
     * @param task the task to drain
     * @param jobActive the active tasks of its job
     * @param draining tasks chosen to drain already (they no longer count as up)
     * @param now epoch millis
     */
    public static Verdict check(SlaPolicy policy, Task task, Collection<Task> jobActive,
            Set<TaskId> draining, long now) {
        long durationSecs = policy.count() != null ? policy.count().durationSecs()
                : policy.percentage().durationSecs();
        long up = othersUp(task, jobActive, draining, now, durationSecs);
        if (policy.count() != null) {
            long count = policy.count().count();
            return new Verdict(up >= count, up + " other instances up for " + durationSecs
                    + " s; the Count policy needs " + count);
        }
        Set<Integer> instances = new HashSet<>();
        for (Task active : jobActive) {
            instances.add(active.instanceId());
        }
        instances.add(task.instanceId());
        double percentage = 100.0 * up / instances.size();
        double needed = policy.percentage().percentage();
        return new Verdict(percentage >= needed, up + " of " + instances.size()
                + " instances up for " + durationSecs + " s without it ("
                + String.format(java.util.Locale.ROOT, "%.1f", percentage)
                + " %); the Percentage policy needs " + needed + " %");
    }

    private static long othersUp(Task task, Collection<Task> jobActive, Set<TaskId> draining,
            long now, long durationSecs) {
        long durationMs = durationSecs > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
                : durationSecs * 1000;
        Set<Integer> up = new HashSet<>();
        for (Task other : jobActive) {
            if (other.instanceId() != task.instanceId() && !draining.contains(other.id())
                    && other.status() == TaskStatus.RUNNING
                    && now - other.statusTimestamp() >= durationMs) {
                up.add(other.instanceId());
            }
        }
        return up.size();
    }
}
