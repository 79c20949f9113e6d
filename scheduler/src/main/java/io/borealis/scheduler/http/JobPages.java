package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.http.PageViews.EventRow;
import io.borealis.scheduler.http.PageViews.StateCount;
import io.borealis.scheduler.http.PageViews.TaskRow;
import io.borealis.scheduler.http.PageViews.Time;
import io.borealis.scheduler.http.PageViews.UpdateEventRow;
import io.borealis.scheduler.http.PageViews.UpdateInstanceRow;
import io.borealis.scheduler.http.PageViews.UpdateRow;
import io.borealis.scheduler.state.ScheduledTasks;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.storage.UpdateInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The job page and the update page. Each is one storage read: the job's active tasks come from
 * memory, its ended ones from one query, and events are fetched only for the page of tasks
 * shown, so the cost of a page grows with {@link JobFilter#PAGE_SIZE}, not with the job.
 * Thread-safe.
 */
final class JobPages {
    /** Updates listed on the job page besides the active one. */
    static final int RECENT_UPDATES = 10;
    private static final EnumSet<TaskStatus> TERMINAL = EnumSet.copyOf(
            Stream.of(TaskStatus.values()).filter(TaskStatus::isTerminal).toList());

    private final PageSources sources;
    private final Pages pages;

    JobPages(PageSources sources, Pages pages) {
        this.sources = requireNonNull(sources, "sources is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    /** {@code /scheduler/ROLE/ENV/JOB}: counts by state, one page of tasks, updates, config. */
    String job(JobKey key, JobFilter filter) {
        long now = sources.clock().millis();
        Map<String, Object> model = sources.storage().read(store -> {
            Optional<JobConfiguration> config = store.jobs().fetch(key);
            List<Task> active = store.tasks().activeOfJob(key).stream()
                    .sorted(Comparator.comparingInt(Task::instanceId)).toList();
            List<Task> ended = store.tasks().query(new TaskQuery(key.role(), key.environment(),
                    key.name(), null, TERMINAL, null, null, null, null, null)).stream()
                    .sorted(Comparator.comparingLong(Task::statusTimestamp).reversed()).toList();
            List<Task> chosen = switch (filter.state()) {
                case JobFilter.ACTIVE -> active;
                case JobFilter.ENDED -> ended;
                default -> Stream.concat(active.stream(), ended.stream())
                        .filter(t -> t.status() == filter.status()).toList();
            };
            List<Task> shown = chosen.subList(Math.min(filter.offset(), chosen.size()),
                    Math.min(filter.offset() + JobFilter.PAGE_SIZE, chosen.size()));
            Map<TaskId, List<TaskEvent>> events =
                    store.tasks().events(shown.stream().map(Task::id).toList());
            Map<String, Object> m = new HashMap<>();
            m.put("key", key);
            m.put("config", config.orElse(null));
            m.put("kind", config.map(j -> j.taskConfig().isService() ? "service" : "job")
                    .orElse(""));
            m.put("configJson", config.map(JobPages::prettyJson).orElse(""));
            m.put("perInstance", config.map(j -> reserved(j.taskConfig().resources()))
                    .orElse(""));
            m.put("activeCounts", counts(key, active));
            m.put("endedCounts", counts(key, ended));
            m.put("activeTotal", active.size());
            m.put("endedTotal", ended.size());
            m.put("filter", filter);
            m.put("matching", chosen.size());
            m.put("rows", shown.stream()
                    .map(t -> row(t, events.getOrDefault(t.id(), List.of()), now)).toList());
            m.put("previous", filter.page() > 1 ? filter.query(filter.page() - 1) : null);
            m.put("next", filter.offset() + JobFilter.PAGE_SIZE < chosen.size()
                    ? filter.query(filter.page() + 1) : null);
            m.put("updates", updates(store, key));
            m.put("hasTasks", !active.isEmpty() || !ended.isEmpty());
            return m;
        });
        return pages.render("job", "Job " + key, model);
    }

    /**
     * {@code /scheduler/ROLE/ENV/JOB/update/ID}: the update's progress by instance and its
     * events; empty when there is no such update of this job.
     */
    Optional<String> update(JobKey key, String id) {
        long now = sources.clock().millis();
        return sources.storage().read(store -> store.updates().fetch(id)
                .filter(update -> update.job().equals(key))
                .map(update -> {
                    List<UpdateInstance> instances = store.updates().instances(id);
                    Map<String, Object> m = new HashMap<>();
                    m.put("key", key);
                    m.put("update", updateRow(update));
                    m.put("settings", update.settings());
                    m.put("instances", instances.stream().map(JobPages::instanceRow).toList());
                    m.put("done", instances.stream().filter(i -> i.state().isDone()).count());
                    m.put("inFlight", instances.stream().filter(i -> i.state().inFlight())
                            .count());
                    m.put("events", store.updates().events(id).stream()
                            .map(e -> new UpdateEventRow(Time.of(e.timestamp()), e.instanceId(),
                                    e.status(), e.message()))
                            .toList());
                    m.put("age", PageViews.age(update.createdAt(), now));
                    return m;
                }))
                .map(model -> pages.render("update", "Update " + id + " of " + key, model));
    }

    private static List<UpdateRow> updates(StoreProvider store, JobKey key) {
        List<JobUpdate> all = store.updates().query(key, null, List.of());
        List<UpdateRow> rows = new ArrayList<>();
        for (JobUpdate update : all) {
            if (update.status().isActive() || rows.size() < RECENT_UPDATES) {
                rows.add(updateRow(update));
            }
        }
        return rows;
    }

    private static UpdateRow updateRow(JobUpdate update) {
        return new UpdateRow(update.id(), Pages.jobPath(update.job()) + "/update/" + update.id(),
                update.status().name(), update.status().isActive(), update.user(),
                Time.of(update.createdAt()), Time.of(update.updatedAt()),
                update.instancesBefore(), update.instancesAfter(), update.message(),
                update.statusMessage());
    }

    private static UpdateInstanceRow instanceRow(UpdateInstance instance) {
        String change = instance.fromConfig() == null ? "add"
                : instance.toConfig() == null ? "remove"
                : instance.restart() ? "restart" : "change";
        return new UpdateInstanceRow(instance.instanceId(), change, instance.state().name(),
                instance.batch(), instance.failures(),
                instance.taskId() == null ? null : instance.taskId().value(),
                Time.of(instance.stateSince()));
    }

    /** Tasks by state, in the states' order, each linking to the page filtered to it. */
    private static List<StateCount> counts(JobKey key, List<Task> tasks) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (Task task : tasks) {
            counts.merge(task.status(), 1L, Long::sum);
        }
        return counts.entrySet().stream().map(e -> new StateCount(e.getKey().name(),
                e.getValue(), Pages.jobPath(key) + "?state=" + e.getKey().name())).toList();
    }

    private TaskRow row(Task task, List<TaskEvent> events, long now) {
        long created = events.isEmpty() ? task.statusTimestamp() : events.get(0).timestamp();
        String used = task.isActive()
                ? sources.usages().get(task.id()).map(u -> u.summary()).orElse(null) : null;
        String reason = task.status() == TaskStatus.PENDING
                ? sources.reasons().get(task.id()).orElse(null) : null;
        return new TaskRow(task.instanceId(), task.status().name(), PageViews.age(created, now),
                Time.of(task.statusTimestamp()), task.id().value(), task.agentHost(),
                ScheduledTasks.observerPage(task), used, reserved(task.config().resources()),
                reason, events.stream().map(e -> new EventRow(Time.of(e.timestamp()),
                        e.status().name(), e.message())).toList());
    }

    private static String reserved(Resources r) {
        return PageViews.resources(r.cpu(), r.ramMb(), r.diskMb());
    }

    private static String prettyJson(JobConfiguration job) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render configuration of " + job.key(), e);
        }
    }
}
