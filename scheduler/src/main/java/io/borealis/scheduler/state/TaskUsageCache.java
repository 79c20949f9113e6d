package io.borealis.scheduler.state;

import io.borealis.scheduler.storage.TaskId;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskUsage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest resource use of each active task, as its agent last reported it with a heartbeat.
 * A gauge, not history: memory only, never persisted (after a restart the next heartbeats fill
 * it again), one sample per task.
 *
 * <p>Writers: {@code AgentManager} (each heartbeat replaces its agent's entries; a status update
 * that ends a task drops it after commit) and {@code AgentMonitor} (an agent it forgets takes its
 * entries along). Readers: {@link ScheduledTasks} for the API and the pages, which show a sample
 * only for a task that is active in storage, so an entry that outlives its task by a race is
 * never seen, and goes with the agent's next heartbeat. Thread-safe; no method blocks.
 */
public final class TaskUsageCache {
    private record Entry(String agentId, TaskUsage usage) {}

    private final Map<TaskId, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Makes {@code usages} the whole set of samples from {@code agentId}: entries of its tasks
     * that are not in {@code usages} are dropped (the task ended, moved, or has no sample).
     */
    public void replaceAgent(String agentId, Map<TaskId, TaskUsage> usages) {
        requireNonNull(agentId, "agentId is null");
        entries.entrySet().removeIf(e -> e.getValue().agentId().equals(agentId)
                && !usages.containsKey(e.getKey()));
        usages.forEach((id, usage) -> entries.put(id, new Entry(agentId, usage)));
    }

    /** Drops the sample of {@code id}, if any. Called when the task ends. */
    public void forget(TaskId id) {
        entries.remove(requireNonNull(id, "id is null"));
    }

    /** Drops every sample from {@code agentId}. Called when the agent is forgotten. */
    public void forgetAgent(String agentId) {
        requireNonNull(agentId, "agentId is null");
        entries.values().removeIf(entry -> entry.agentId().equals(agentId));
    }

    /** The latest sample of {@code id}; empty when its agent has reported none. */
    public Optional<TaskUsage> get(TaskId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::usage);
    }

    /** How many tasks have a sample. */
    public int size() {
        return entries.size();
    }
}
