package io.borealis.cli.render;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.model.TaskUsage;
import io.borealis.cli.transport.InstanceTask;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code job status --write-json} shape:
 * {@code {"job": "c/r/e/n", "active": [TASK...], "inactive": [TASK...]}}, active tasks sorted by
 * instance, inactive ones by instance then newest first. A TASK whose latest resource sample the
 * scheduler returned (active tasks only) carries it as {@code "usage"}; others have no such key.
 * A PENDING task the scheduler could not place yet carries why as {@code "pendingReason"}.
 */
public record JobStatusView(String job, List<Task> active, List<Task> inactive) {
    public JobStatusView {
        requireNonNull(job, "job is null");
        active = List.copyOf(active);
        inactive = List.copyOf(inactive);
    }

    /**
     * One task: its instance, state, id, host (null until placed), every event, its latest
     * resource use (null, and left out of the JSON, when the scheduler returned none) and, for a
     * PENDING task, why it waits (null, and left out, otherwise).
     */
    public record Task(int instance, String status, String taskId, String host,
            List<Event> events, @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
            @JsonInclude(JsonInclude.Include.NON_NULL) String pendingReason) {
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

    /**
     * What a task's processes use, as last sampled: CPUs, resident memory and sandbox bytes;
     * {@code timestamp} (epoch milliseconds) is when the sample was taken.
     */
    public record Usage(double cpu, long ramBytes, long diskBytes, long timestamp) {
        static Usage of(TaskUsage usage) {
            return new Usage(usage.cpu(), usage.ramBytes(), usage.diskBytes(), usage.timestamp());
        }

        /** For people: {@code 0.02 cpu, 5.1 MiB, 36 B}. */
        String text() {
            return new TaskUsage(timestamp, cpu, ramBytes, diskBytes, 0).summary();
        }
    }

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
        Usage usage = scheduled.usage() != null && scheduled.status().isActive()
                ? Usage.of(scheduled.usage()) : null;
        String pendingReason = scheduled.status() == TaskStatus.PENDING
                ? scheduled.pendingReason() : null;
        return new Task(instanceTask.instance(), scheduled.status().name(),
                scheduled.assignedTask().taskId(), scheduled.assignedTask().agentHost(), events,
                usage, pendingReason);
    }
}
