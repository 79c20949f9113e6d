package io.borealis.scheduler.state;

import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.model.TaskUsage;
import io.borealis.scheduler.storage.Storage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The read side of tasks as callers see them: {@link ScheduledTask} records with their events,
 * observer page, (active tasks) latest resource use and (PENDING tasks) why they wait, for the
 * API and the web pages. Thread-safe.
 */
public final class ScheduledTasks {
    private ScheduledTasks() {}

    /** As {@link #query(Storage, TaskQuery, TaskUsageCache, PendingReasons)}, without reasons. */
    public static List<ScheduledTask> query(Storage storage, TaskQuery query,
            TaskUsageCache usages) {
        return query(storage, query, usages, new PendingReasons());
    }

    /**
     * The tasks matching {@code query}, each with its whole event history, in one read. Each
     * active task carries its latest resource sample from {@code usages}, when there is one, and
     * each PENDING task the reason it waits from {@code reasons}, once a round has looked at it.
     */
    public static List<ScheduledTask> query(Storage storage, TaskQuery query,
            TaskUsageCache usages, PendingReasons reasons) {
        return storage.read(store -> {
            List<Task> tasks = store.tasks().query(query);
            Map<TaskId, List<TaskEvent>> events =
                    store.tasks().events(tasks.stream().map(Task::id).toList());
            return tasks.stream()
                    .map(task -> view(task, events.getOrDefault(task.id(), List.of()))
                            .withUsage(usage(task, usages))
                            .withPendingReason(pendingReason(task, reasons)))
                    .toList();
        });
    }

    public static ScheduledTask view(Task task, List<TaskEvent> events) {
        return new ScheduledTask(task.toAssignedTask(), task.status(), task.failureCount(), events,
                task.ancestorId() == null ? null : task.ancestorId().value(),
                observerPage(task));
    }

    private static @Nullable TaskUsage usage(Task task, TaskUsageCache usages) {
        // An ended task uses nothing, whatever sample may linger from a racing heartbeat.
        return task.status().isActive() ? usages.get(task.id()).orElse(null) : null;
    }

    private static @Nullable String pendingReason(Task task, PendingReasons reasons) {
        return task.status() == TaskStatus.PENDING ? reasons.get(task.id()).orElse(null) : null;
    }

    /** {@code OBSERVER/task/TASK_ID} for a placed task whose agent has an observer. */
    public static @Nullable String observerPage(Task task) {
        if (task.observerUrl() == null || task.observerUrl().isBlank()) {
            return null;
        }
        String base = task.observerUrl().endsWith("/")
                ? task.observerUrl().substring(0, task.observerUrl().length() - 1)
                : task.observerUrl();
        return base + "/task/" + task.id().value();
    }
}
