package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.JobKey;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every committed active task, by id, by agent and by job: what placement, reconciliation and
 * kills look at many times a second. Updated only by {@link H2Storage} after a commit, under its
 * write lock. Readers get copies. Thread-safe.
 */
final class ActiveTaskIndex {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<TaskId, Task> byId = new HashMap<>();
    private final Map<String, Set<TaskId>> byAgent = new HashMap<>();
    private final Map<JobKey, Set<TaskId>> byJob = new HashMap<>();

    /** Takes the committed versions of {@code tasks}: active ones are indexed, others dropped. */
    void apply(Collection<Task> tasks) {
        lock.writeLock().lock();
        try {
            for (Task task : tasks) {
                Task old = byId.remove(task.id());
                if (old != null) {
                    unindex(old);
                }
                if (task.isActive()) {
                    byId.put(task.id(), task);
                    if (task.agentId() != null) {
                        byAgent.computeIfAbsent(task.agentId(), k -> new LinkedHashSet<>())
                                .add(task.id());
                    }
                    byJob.computeIfAbsent(task.jobKey(), k -> new LinkedHashSet<>()).add(task.id());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unindex(Task old) {
        if (old.agentId() != null) {
            removeFrom(byAgent, old.agentId(), old.id());
        }
        removeFrom(byJob, old.jobKey(), old.id());
    }

    private static <K> void removeFrom(Map<K, Set<TaskId>> index, K key, TaskId id) {
        Set<TaskId> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }

    Optional<Task> get(TaskId id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Task> all() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(byId.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Task> onAgent(String agentId) {
        return lookup(byAgent, agentId);
    }

    List<Task> ofJob(JobKey job) {
        return lookup(byJob, job);
    }

    /** The tasks of every job of {@code role}: O(active jobs + the role's tasks). */
    List<Task> ofRole(String role) {
        lock.readLock().lock();
        try {
            List<Task> tasks = new ArrayList<>();
            for (Map.Entry<JobKey, Set<TaskId>> job : byJob.entrySet()) {
                if (job.getKey().role().equals(role)) {
                    for (TaskId id : job.getValue()) {
                        tasks.add(byId.get(id));
                    }
                }
            }
            return tasks;
        } finally {
            lock.readLock().unlock();
        }
    }

    private <K> List<Task> lookup(Map<K, Set<TaskId>> index, K key) {
        lock.readLock().lock();
        try {
            Set<TaskId> ids = index.getOrDefault(key, Set.of());
            List<Task> tasks = new ArrayList<>(ids.size());
            for (TaskId id : ids) {
                tasks.add(byId.get(id));
            }
            return tasks;
        } finally {
            lock.readLock().unlock();
        }
    }
}
