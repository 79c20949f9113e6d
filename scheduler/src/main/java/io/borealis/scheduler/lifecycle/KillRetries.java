package io.borealis.scheduler.lifecycle;

import io.borealis.scheduler.state.TaskTransitions;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When to send a kill again to a task that is being stopped (KILLING, RESTARTING, DRAINING,
 * PREEMPTING) and that its agent has not confirmed ended (reference §2.5): the first retry
 * {@code initial} after the task entered its state, then after twice as long each time (a
 * truncated binary backoff, capped at {@code max}), until the task ends or times out.
 *
 * <p>Attempts are counted in memory: after a scheduler restart the count starts again from the
 * stored state timestamp, which at worst sends one kill early (agents ignore a repeated kill).
 * Not thread-safe: used by the one timer thread.
 */
final class KillRetries {
    private final long initialMillis;
    private final long maxMillis;
    private final Map<TaskId, Attempts> attempts = new HashMap<>();

    /** How many retries a task has had since {@code since}, and when the next is due. */
    private record Attempts(long since, int sent, long nextAt) {}

    /** A kill to send again: retry number {@code attempt} for {@code task}. */
    record Retry(Task task, int attempt) {}

    KillRetries(long initialMillis, long maxMillis) {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("kill retry backoff " + initialMillis + ".."
                    + maxMillis + " ms is not a positive range");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    /** The wait before retry number {@code sent + 1}: initial, 2x, 4x, ... up to the cap. */
    static long delayMillis(int sent, long initialMillis, long maxMillis) {
        long delay = initialMillis;
        for (int i = 0; i < sent && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMillis);
    }

    /**
     * The tasks among {@code active} whose kill is due again at {@code now}, each with the number
     * of this retry; records the retries. Forgets tasks that are no longer being stopped.
     */
    List<Retry> due(List<Task> active, long now) {
        List<Retry> due = new ArrayList<>();
        Set<TaskId> stopping = new HashSet<>();
        for (Task task : active) {
            if (!TaskTransitions.isStopping(task.status()) || task.agentId() == null) {
                continue;
            }
            stopping.add(task.id());
            Attempts known = attempts.get(task.id());
            if (known == null || known.since() != task.statusTimestamp()) {
                known = new Attempts(task.statusTimestamp(), 0,
                        task.statusTimestamp() + initialMillis);
            }
            if (now >= known.nextAt()) {
                int sent = known.sent() + 1;
                known = new Attempts(known.since(), sent,
                        now + delayMillis(sent, initialMillis, maxMillis));
                due.add(new Retry(task, sent));
            }
            attempts.put(task.id(), known);
        }
        attempts.keySet().retainAll(stopping);
        return due;
    }

    /** The tasks currently tracked (for tests and logging). */
    List<TaskId> tracked() {
        return new ArrayList<>(attempts.keySet());
    }
}
