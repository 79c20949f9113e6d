package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskEvent;
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
import java.util.function.Predicate;

/**
 * Every committed active task, by id, by agent and by job, with its events: what placement,
 * reconciliation, kills and task status look at many times a second. Updated only by
 * {@link H2Storage} after a commit, under its write lock. Readers get copies (event lists are
 * immutable). Thread-safe.
 *
 * <p>Events are kept for active tasks only (a few per task): {@code getTasksStatus} of a job of
 * 10,000 instances then needs no event query at all; a task that ends takes its events out of
 * memory, and they are read from {@code task_events} when asked for.
 */
final class ActiveTaskIndex {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<TaskId, Task> byId = new HashMap<>();
    private final Map<String, Set<TaskId>> byAgent = new HashMap<>();
    private final Map<JobKey, Set<TaskId>> byJob = new HashMap<>();
    private final Map<TaskId, List<TaskEvent>> eventsById = new HashMap<>();

    /** Takes the committed versions of {@code tasks}: active ones are indexed, others dropped. */
    void apply(Collection<Task> tasks) {
        apply(tasks, Map.of());
    }

    /**
     * Takes the committed versions of {@code tasks} (active ones are indexed, others dropped) and
     * the events a write appended ({@code added}, oldest first, per task): kept for tasks that
     * are active afterwards.
     */
    void apply(Collection<Task> tasks, Map<TaskId, List<TaskEvent>> added) {
        lock.writeLock().lock();
        try {
            for (Task task : tasks) {
                Task old = byId.remove(task.id());
                if (old != null) {
                    unindex(old);
                }
                if (!task.isActive()) {
                    eventsById.remove(task.id());
                } else {
                    byId.put(task.id(), task);
                    if (task.agentId() != null) {
                        byAgent.computeIfAbsent(task.agentId(), k -> new LinkedHashSet<>())
                                .add(task.id());
                    }
                    byJob.computeIfAbsent(task.jobKey(), k -> new LinkedHashSet<>()).add(task.id());
                }
            }
            added.forEach((id, events) -> {
                if (byId.containsKey(id)) {
                    List<TaskEvent> known = eventsById.getOrDefault(id, List.of());
                    List<TaskEvent> all = new ArrayList<>(known.size() + events.size());
                    all.addAll(known);
                    all.addAll(events);
                    eventsById.put(id, List.copyOf(all));
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Forgets everything and takes {@code tasks} and their {@code events} instead, at once for
     * readers (a restore replaced the stored state).
     */
    void replaceAll(Collection<Task> tasks, Map<TaskId, List<TaskEvent>> events) {
        lock.writeLock().lock();
        try {
            byId.clear();
            byAgent.clear();
            byJob.clear();
            eventsById.clear();
            apply(tasks, events);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The events of those of {@code ids} that are active, into {@code found}; the ids that are
     * not active go to {@code notActive} (their events are in the database only).
     */
    void events(Collection<TaskId> ids, Map<TaskId, List<TaskEvent>> found,
            List<TaskId> notActive) {
        lock.readLock().lock();
        try {
            for (TaskId id : ids) {
                if (byId.containsKey(id)) {
                    List<TaskEvent> events = eventsById.get(id);
                    if (events != null) {
                        found.put(id, events);
                    }
                } else {
                    notActive.add(id);
                }
            }
        } finally {
            lock.readLock().unlock();
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

    /**
     * Whether one of {@code job}'s tasks has an id that {@code test} accepts; stops at the first
     * that does.
     */
    boolean anyOfJob(JobKey job, Predicate<TaskId> test) {
        lock.readLock().lock();
        try {
            for (TaskId id : byJob.getOrDefault(job, Set.of())) {
                if (test.test(id)) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.readLock().unlock();
        }
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
