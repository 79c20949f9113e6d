package io.borealis.scheduler.state;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.storage.TaskId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why each PENDING task is still waiting, in words ("Insufficient: RAM", "Limit not satisfied:
 * host"), as the last scheduling round found. Memory only: after a restart the first round fills
 * it again.
 *
 * <p>Writer: the scheduling loop, once per round ({@link #update}), which also drops the entries
 * of tasks that are no longer PENDING. Readers: {@link ScheduledTasks}, which shows a reason only
 * for a task PENDING in storage, so an entry outliving its task by a race is never seen.
 * Thread-safe; no method blocks.
 */
public final class PendingReasons {
    private final Map<TaskId, String> reasons = new ConcurrentHashMap<>();

    /**
     * Keeps only the entries of {@code pending} (the tasks PENDING in the round's snapshot)
     * minus {@code placed}, then records {@code fresh}. A pending task the round did not examine
     * keeps its last reason.
     */
    public void update(Set<TaskId> pending, Set<TaskId> placed, Map<TaskId, String> fresh) {
        requireNonNull(pending, "pending is null");
        requireNonNull(placed, "placed is null");
        reasons.keySet().removeIf(id -> !pending.contains(id) || placed.contains(id));
        reasons.putAll(fresh);
    }

    /** Drops every reason (no task is PENDING). */
    public void clear() {
        reasons.clear();
    }

    /** Why {@code id} waits; empty when no round has looked at it yet. */
    public Optional<String> get(TaskId id) {
        return Optional.ofNullable(reasons.get(requireNonNull(id, "id is null")));
    }

    /** How many tasks have a reason. */
    public int size() {
        return reasons.size();
    }
}
