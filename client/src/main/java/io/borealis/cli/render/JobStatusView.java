package io.borealis.cli.render;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskEvent;
import io.borealis.cli.transport.InstanceTask;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code job status --write-json} shape:
 * {@code {"job": "c/r/e/n", "active": [TASK...], "inactive": [TASK...]}}, active tasks sorted by
 * instance, inactive ones by instance then newest first.
 */
public record JobStatusView(String job, List<Task> active, List<Task> inactive) {
    public JobStatusView {
        requireNonNull(job, "job is null");
        active = List.copyOf(active);
        inactive = List.copyOf(inactive);
    }

    /** One task: its instance, state, id, host (null until placed) and every event. */
    public record Task(int instance, String status, String taskId, String host,
            List<Event> events) {
        public Task {
            requireNonNull(status, "status is null");
            requireNonNull(taskId, "taskId is null");
            events = List.copyOf(events);
        }

        long lastTimestamp() {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).timestamp();
        }
    }

    /** One state change of a task; {@code timestamp} in epoch milliseconds. */
    public record Event(String status, long timestamp, String message) {}

    public static JobStatusView of(String job, List<InstanceTask> tasks) {
        List<Task> all = tasks.stream().map(JobStatusView::task).toList();
        List<Task> active = tasks.stream().filter(t -> t.task().status().isActive())
                .map(JobStatusView::task).sorted(Comparator.comparingInt(Task::instance)).toList();
        List<Task> inactive = all.stream().filter(t -> !active.contains(t))
                .sorted(Comparator.comparingInt(Task::instance)
                        .thenComparing(Comparator.comparingLong(Task::lastTimestamp).reversed()))
                .toList();
        return new JobStatusView(job, active, inactive);
    }

    private static Task task(InstanceTask instanceTask) {
        var scheduled = instanceTask.task();
        List<Event> events = scheduled.taskEvents().stream()
                .sorted(Comparator.comparingLong(TaskEvent::timestamp))
                .map(e -> new Event(e.status().name(), e.timestamp(), e.message()))
                .toList();
        return new Task(instanceTask.instance(), scheduled.status().name(),
                scheduled.assignedTask().taskId(), scheduled.assignedTask().agentHost(), events);
    }
}
