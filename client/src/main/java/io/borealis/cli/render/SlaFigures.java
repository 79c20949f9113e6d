package io.borealis.cli.render;

import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's SLA figures as Aurora's client computes them from task events ({@code aurora sla}).
 * An instance is one active task of the job; its uptime is how long it has been RUNNING (now
 * minus its last RUNNING event) when it is RUNNING, and 0 otherwise (PENDING, STARTING, being
 * killed...). Pure; thread-safe.
 */
public final class SlaFigures {
    /** {@code get-task-up-count}: the share of instances up for at least {@code duration}. */
    public record UpCount(String duration, long seconds, double percentage) {}

    /** {@code get-job-uptime}: {@code percentile} % of the instances have been up this long. */
    public record Uptime(double percentile, long uptimeSecs) {}

    private SlaFigures() {}

    /** The uptime of each active task, in seconds, ascending. */
    public static List<Long> uptimes(List<ScheduledTask> tasks, long nowMillis) {
        List<Long> uptimes = new ArrayList<>();
        for (ScheduledTask task : tasks) {
            if (!task.status().isActive()) {
                continue;
            }
            long up = 0;
            if (task.status() == TaskStatus.RUNNING) {
                long since = runningSince(task);
                up = since < 0 ? 0 : Math.max(0, nowMillis - since) / 1000;
            }
            uptimes.add(up);
        }
        uptimes.sort(null);
        return uptimes;
    }

    private static long runningSince(ScheduledTask task) {
        List<TaskEvent> events = task.taskEvents();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).status() == TaskStatus.RUNNING) {
                return events.get(i).timestamp();
            }
        }
        return -1;
    }

    /** The percentage of instances up for at least {@code duration}; 0 without instances. */
    public static double upCount(List<Long> uptimes, Duration duration) {
        if (uptimes.isEmpty()) {
            return 0;
        }
        long up = uptimes.stream().filter(secs -> secs >= duration.toSeconds()).count();
        return 100.0 * up / uptimes.size();
    }

    /**
     * Aurora's {@code get_job_uptime}: with the uptimes ascending, the one at
     * {@code total - floor(percentile / 100 * total) - 1}; 0 without instances.
     *
     * @param percentile more than 0 and less than 100
     */
    public static long uptime(List<Long> uptimes, double percentile) {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be within (0, 100), got "
                    + percentile);
        }
        int total = uptimes.size();
        int index = total - (int) Math.floor(percentile / 100.0 * total) - 1;
        return index >= 0 && index < total ? uptimes.get(index) : 0;
    }
}
