package io.borealis.cli.render;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code job status} for people: one table per job, each task followed by why it waits (a PENDING
 * task the scheduler could not place), its resource use (when sampled) and its events.
 */
public final class StatusTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private StatusTable() {}

    public static void print(PrintWriter out, JobStatusView view) {
        out.printf("Job %s: %d active, %d inactive%n", view.job(), view.active().size(),
                view.inactive().size());
        section(out, "Active tasks", view.active());
        section(out, "Inactive tasks", view.inactive());
        out.flush();
    }

    private static void section(PrintWriter out, String title, List<JobStatusView.Task> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        out.println(title + ":");
        String format = "  %-9s %-11s %-20s %s%n";
        out.printf(format, "INSTANCE", "STATUS", "HOST", "TASK ID");
        for (JobStatusView.Task task : tasks) {
            out.printf(format, task.instance(), task.status(),
                    task.host() == null ? "-" : task.host(), task.taskId());
            if (task.pendingReason() != null) {
                out.printf("      pending: %s%n", task.pendingReason());
            }
            if (task.usage() != null) {
                out.printf("      used: %s (cpu, ram, disk; sampled %s)%n", task.usage().text(),
                        TIME.format(Instant.ofEpochMilli(task.usage().timestamp())));
            }
            for (JobStatusView.Event event : task.events()) {
                out.printf("      %s %-11s %s%n", TIME.format(Instant.ofEpochMilli(
                        event.timestamp())), event.status(),
                        event.message() == null ? "" : event.message());
            }
        }
    }
}
