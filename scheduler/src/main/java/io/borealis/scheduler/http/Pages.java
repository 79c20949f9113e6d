package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.Resources;
import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskEvent;
import io.borealis.scheduler.cron.CronJobs;
import io.borealis.scheduler.maintenance.HostOverview;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the scheduler's pages from {@code src/main/resources/templates/*.peb}: plain HTML, no
 * JavaScript, a refresh every 5 seconds, every value escaped by Pebble's autoescaping. Models are
 * small view records built here from model records. Thread-safe; one instance serves all requests.
 */
final class Pages {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    /** One row of {@code /scheduler}. */
    record RoleRow(String role, int jobCount) {}

    /** One cron job of {@code /scheduler/ROLE}: {@code nextRun} "none" when it never fires. */
    record CronRow(String path, String environment, String name, String schedule,
            String timezone, String policy, String nextRun) {}

    /** One row of {@code /scheduler/ROLE}. */
    record JobRow(String path, String environment, String name, String kind, int instances,
            long active, double cpu, long ramMb, long diskMb) {}

    /**
     * One task of a job page. {@code used}: its latest resource sample as text, null when its
     * agent has reported none (or the task ended); {@code reserved}: what its configuration holds;
     * {@code pendingReason}: why a PENDING task waits, null otherwise or before a round looked.
     */
    record TaskRow(int instance, String status, String taskId, String host, String observerUrl,
            String used, String reserved, String pendingReason, List<EventRow> events) {}

    record EventRow(String time, String status, String message) {}

    private final PebbleEngine engine;
    private final String cluster;

    Pages(String cluster) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .build();
    }

    /** {@code /scheduler}: every role with its job count. */
    String roles(Map<String, Integer> jobsByRole) {
        List<RoleRow> rows = jobsByRole.entrySet().stream()
                .map(e -> new RoleRow(e.getKey(), e.getValue())).toList();
        return render("roles", "Roles", Map.of("roles", rows));
    }

    /**
     * {@code /scheduler/ROLE}: the role's jobs, with how many instances are active, and its cron
     * jobs with their schedule and next run after {@code now}.
     */
    String role(String role, List<JobConfiguration> jobs, Map<JobKey, Long> activeByJob,
            Instant now) {
        List<CronRow> cron = jobs.stream().filter(job -> job.cronSchedule() != null)
                .sorted(Comparator.comparing(j -> j.key().toString()))
                .map(job -> new CronRow(jobPath(job.key()), job.key().environment(),
                        job.key().name(), job.cronSchedule(), job.effectiveCronTimezone(),
                        job.cronCollisionPolicy().name(),
                        CronJobs.nextRuns(job, now, 1).stream().findFirst()
                                .map(at -> TIME.format(at) + " ("
                                        + LOCAL.format(at.atZone(ZoneId.of(
                                                job.effectiveCronTimezone()))) + ")")
                                .orElse("none")))
                .toList();
        List<JobRow> rows = jobs.stream()
                .sorted(Comparator.comparing(j -> j.key().toString()))
                .map(job -> new JobRow(jobPath(job.key()), job.key().environment(),
                        job.key().name(), job.cronSchedule() != null ? "cron"
                                : job.taskConfig().isService() ? "service" : "job",
                        job.instanceCount(), activeByJob.getOrDefault(job.key(), 0L),
                        job.taskConfig().resources().cpu(), job.taskConfig().resources().ramMb(),
                        job.taskConfig().resources().diskMb()))
                .toList();
        return render("role", "Role " + role, Map.of("role", role, "jobs", rows, "cron", cron));
    }

    /** {@code /scheduler/ROLE/ENV/JOB}: the job's configuration, active instances, ended tasks. */
    String job(JobKey key, Optional<JobConfiguration> job, List<ScheduledTask> tasks) {
        Map<String, Object> model = new HashMap<>();
        model.put("key", key);
        model.put("config", job.orElse(null));
        model.put("kind", job.map(j -> j.taskConfig().isService() ? "service" : "job").orElse(""));
        model.put("configJson", job.map(Pages::prettyJson).orElse(""));
        model.put("tasks", tasks);
        model.put("active", tasks.stream().filter(t -> t.status().isActive())
                .sorted(Comparator.comparingInt(t -> t.assignedTask().instanceId()))
                .map(Pages::row).toList());
        model.put("ended", tasks.stream().filter(t -> t.status().isTerminal())
                .sorted(Comparator.comparingLong(Pages::lastEventTime).reversed())
                .map(Pages::row).toList());
        return render("job", "Job " + key, model);
    }

    /** {@code /agents}: every registered agent with its resources and attributes. */
    String agents(List<AgentInfo> agents) {
        return render("agents", "Agents", Map.of("agents", agents));
    }

    /** One host of {@code /maintenance}. */
    record HostRow(String host, String mode, String since, boolean registered, String drain,
            List<HostOverview.TaskLeft> tasks) {}

    /** {@code /maintenance}: hosts in maintenance, drains in progress and the tasks left. */
    String maintenance(List<HostOverview> hosts) {
        List<HostRow> rows = hosts.stream().map(h -> new HostRow(h.host(), h.mode().name(),
                TIME.format(Instant.ofEpochMilli(h.since())), h.registered(), h.drain(),
                h.tasks())).toList();
        return render("maintenance", "Maintenance", Map.of("hosts", rows));
    }

    static String jobPath(JobKey key) {
        return "/scheduler/" + key.role() + "/" + key.environment() + "/" + key.name();
    }

    private String render(String template, String title, Map<String, Object> content) {
        Map<String, Object> model = new HashMap<>(content);
        model.put("title", title);
        model.put("cluster", cluster);
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render page " + template, e);
        }
        return out.toString();
    }

    private static TaskRow row(ScheduledTask task) {
        List<EventRow> events = task.taskEvents().stream()
                .map(e -> new EventRow(TIME.format(Instant.ofEpochMilli(e.timestamp())),
                        e.status().name(), e.message()))
                .toList();
        Resources reserved = task.assignedTask().task().resources();
        return new TaskRow(task.assignedTask().instanceId(), task.status().name(),
                task.assignedTask().taskId(), task.assignedTask().agentHost(), task.observerUrl(),
                task.usage() == null ? null : task.usage().summary(),
                String.format(Locale.ROOT, "%s cpu, %d MiB, %d MiB", reserved.cpu(),
                        reserved.ramMb(), reserved.diskMb()),
                task.pendingReason(), events);
    }

    private static long lastEventTime(ScheduledTask task) {
        List<TaskEvent> events = task.taskEvents();
        return events.isEmpty() ? 0 : events.get(events.size() - 1).timestamp();
    }

    private static String prettyJson(JobConfiguration job) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render configuration of " + job.key(), e);
        }
    }
}
