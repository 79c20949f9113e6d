package io.borealis.scheduler.scheduling;

import io.borealis.scheduler.storage.TaskId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Agents held for one task each after a preemption, so that the room its victims give back goes
 * to it and not to whichever task the next round tries first. A hold ends when it expires or
 * when its task is no longer PENDING (placed, killed). Memory only: after a restart a preemptor
 * simply competes for the room. Thread-safe.
 */
final class Reservations {
    private record Hold(TaskId task, long untilMillis) {}

    private final Map<String, Hold> byAgent = new HashMap<>();

    /** Holds {@code agentId} for {@code task} until {@code untilMillis} (epoch millis). */
    synchronized void hold(String agentId, TaskId task, long untilMillis) {
        byAgent.put(agentId, new Hold(task, untilMillis));
    }

    /**
     * Drops the holds that expired by {@code nowMillis} or whose task is not in {@code pending},
     * and returns the others: task by agent id.
     */
    synchronized Map<String, TaskId> current(long nowMillis, Set<TaskId> pending) {
        byAgent.values().removeIf(hold -> hold.untilMillis() <= nowMillis
                || !pending.contains(hold.task()));
        Map<String, TaskId> current = new HashMap<>();
        byAgent.forEach((agent, hold) -> current.put(agent, hold.task()));
        return current;
    }
}
