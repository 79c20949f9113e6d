package io.borealis.scheduler.state;

import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskQuery;
import io.borealis.scheduler.storage.Storage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The read side of tasks as callers see them: {@link ScheduledTask} records with their events and
 * observer page, for the API and the web pages. Thread-safe.
 */
public final class ScheduledTasks {
    private ScheduledTasks() {}

    /** The tasks matching {@code query}, each with its whole event history, in one read. */
    public static List<ScheduledTask> query(Storage storage, TaskQuery query) {
        return storage.read(store -> {
            List<Task> tasks = store.tasks().query(query);
            Map<TaskId, List<TaskEvent>> events =
                    store.tasks().events(tasks.stream().map(Task::id).toList());
            return tasks.stream()
                    .map(task -> view(task, events.getOrDefault(task.id(), List.of())))
                    .toList();
        });
    }

    public static ScheduledTask view(Task task, List<TaskEvent> events) {
        return new ScheduledTask(task.toAssignedTask(), task.status(), task.failureCount(), events,
                task.ancestorId() == null ? null : task.ancestorId().value(),
                observerPage(task));
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
