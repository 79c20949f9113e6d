package io.borealis.scheduler.storage.h2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.borealis.api.json.Json;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.storage.TaskStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tasks in table {@code tasks}, events in {@code task_events}. Active tasks and their events are
 * read from the {@link ActiveTaskIndex}; a write's own changes are buffered here, seen by its
 * reads, and flushed as two JDBC batches (tasks, then events) before any SQL query and at commit.
 * Events of tasks that are not active are read by id in {@link InLists} chunks (an {@code IN}
 * list uses the {@code task_events} index; a large {@code = ANY(?)} array made H2 compare every
 * row with every id: seconds for a 10,000-task job).
 */
final class H2TaskStore implements TaskStore.Mutable {
    private static final String COLUMNS = "task_id, role, environment, job_name, instance_id, "
            + "config_hash, status, active, status_timestamp, failure_count, ancestor_id, "
            + "agent_id, agent_host, assigned_ports, observer_url";
    private static final TypeReference<Map<String, Integer>> PORTS = new TypeReference<>() {};
    private static final String EVENTS_BY_IDS = "SELECT task_id, ts, status, message, scheduler "
            + "FROM task_events WHERE task_id IN " + InLists.PLACEHOLDERS
            + " ORDER BY task_id, event_id";

    private final Unit unit;
    private final ActiveTaskIndex index;
    /** The latest version of every task this write saved, flushed or not. */
    private final Map<TaskId, Task> saved = new LinkedHashMap<>();
    private final Map<TaskId, Task> unflushed = new LinkedHashMap<>();
    private final List<Map.Entry<TaskId, TaskEvent>> unflushedEvents = new ArrayList<>();
    /** Every event this write appended, flushed or not, per task, oldest first. */
    private final Map<TaskId, List<TaskEvent>> addedEvents = new LinkedHashMap<>();

    H2TaskStore(Unit unit, ActiveTaskIndex index) {
        this.unit = unit;
        this.index = index;
    }

    @Override
    public Optional<Task> fetch(TaskId id) {
        Task mine = saved.get(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        Optional<Task> active = index.get(id);
        if (active.isPresent()) {
            return active;
        }
        return select("WHERE task_id = ?", List.of(id.value())).stream().findFirst();
    }

    /**
     * Active tasks come from the index (already in memory, no row to decode), ended ones from
     * SQL ({@code active = FALSE}): the status of a 10,000-instance job reads no active row from
     * the database. A query with a limit or offset is answered by SQL alone, which pages.
     */
    @Override
    public List<Task> query(TaskQuery query) {
        flush();
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(query, params);
        if (query.limit() != null || query.offset() != null) {
            where.append(" ORDER BY role, environment, job_name, instance_id, task_id");
            if (query.limit() != null) {
                where.append(" LIMIT ?");
                params.add(Math.max(0, query.limit()));
            }
            if (query.offset() != null) {
                where.append(" OFFSET ?");
                params.add(Math.max(0, query.offset()));
            }
            return select(where.toString(), params);
        }
        List<Task> tasks = new ArrayList<>();
        if (query.statuses().isEmpty() || query.statuses().stream().anyMatch(TaskStatus::isActive)) {
            for (Task task : activeCandidates(query)) {
                if (matches(query, task)) {
                    tasks.add(task);
                }
            }
        }
        if (query.statuses().isEmpty() || query.statuses().stream().anyMatch(s -> !s.isActive())) {
            tasks.addAll(select(where.append(" AND active = FALSE").toString(), params));
        }
        tasks.sort(QUERY_ORDER);
        return tasks;
    }

    /**
     * Role, environment, job, instance, task id. Tasks of one job (the common query) share their
     * key, so the key's strings are compared only when the keys differ.
     */
    private static final Comparator<Task> QUERY_ORDER = (a, b) -> {
        JobKey x = a.jobKey();
        JobKey y = b.jobKey();
        if (!x.equals(y)) {
            int c = x.role().compareTo(y.role());
            if (c == 0) {
                c = x.environment().compareTo(y.environment());
            }
            return c != 0 ? c : x.name().compareTo(y.name());
        }
        int c = Integer.compare(a.instanceId(), b.instanceId());
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    /** The active tasks (this write's versions laid over) that may match {@code query}. */
    private List<Task> activeCandidates(TaskQuery query) {
        if (query.role() != null && query.environment() != null && query.jobName() != null) {
            return activeOfJob(new JobKey(query.role(), query.environment(), query.jobName()));
        }
        if (query.role() != null) {
            return activeOfRole(query.role());
        }
        return active();
    }

    /** The SQL conditions of {@code query}, in Java, for an active task. */
    private static boolean matches(TaskQuery query, Task task) {
        JobKey job = task.jobKey();
        return (query.role() == null || query.role().equals(job.role()))
                && (query.environment() == null || query.environment().equals(job.environment()))
                && (query.jobName() == null || query.jobName().equals(job.name()))
                && (query.taskIds().isEmpty() || query.taskIds().contains(task.id().value()))
                && (query.statuses().isEmpty() || query.statuses().contains(task.status()))
                && (query.instanceIds().isEmpty()
                        || query.instanceIds().contains(task.instanceId()))
                && (query.agentHosts().isEmpty() || query.agentHosts().contains(task.agentHost()))
                && (query.jobKeys().isEmpty() || query.jobKeys().contains(job));
    }

    private static StringBuilder where(TaskQuery query, List<Object> params) {
        StringBuilder where = new StringBuilder("WHERE TRUE");
        equal(where, params, "role", query.role());
        equal(where, params, "environment", query.environment());
        equal(where, params, "job_name", query.jobName());
        anyOf(where, params, "task_id", query.taskIds().stream().map(String::valueOf).toList());
        anyOf(where, params, "status", query.statuses().stream().map(TaskStatus::name).toList());
        anyOf(where, params, "instance_id", List.copyOf(query.instanceIds()));
        anyOf(where, params, "agent_host", List.copyOf(query.agentHosts()));
        if (!query.jobKeys().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (JobKey key : query.jobKeys()) {
                keys.add("(role = ? AND environment = ? AND job_name = ?)");
                params.add(key.role());
                params.add(key.environment());
                params.add(key.name());
            }
            where.append(" AND (").append(String.join(" OR ", keys)).append(')');
        }
        return where;
    }

    private static void equal(StringBuilder where, List<Object> params, String column,
            String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /**
     * {@code column IN (?, ...)}: H2 looks each value up in the column's index, where a large
     * {@code = ANY(?)} array could end up compared with every row.
     */
    private static void anyOf(StringBuilder where, List<Object> params, String column,
            List<?> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (")
                    .append("?, ".repeat(values.size() - 1)).append("?)");
            params.addAll(values);
        }
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        flush();
        return Jdbc.call("counting tasks by status", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT status, COUNT(*) FROM tasks GROUP BY status");
                    ResultSet rows = statement.executeQuery()) {
                Map<TaskStatus, Long> counts = new java.util.EnumMap<>(TaskStatus.class);
                while (rows.next()) {
                    counts.put(TaskStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
                return counts;
            }
        });
    }

    @Override
    public List<Task> active() {
        return overlay(index.all(), task -> true);
    }

    @Override
    public List<Task> activeOnAgent(String agentId) {
        return overlay(index.onAgent(agentId), task -> agentId.equals(task.agentId()));
    }

    @Override
    public List<Task> activeOfJob(JobKey job) {
        return overlay(index.ofJob(job), task -> job.equals(task.jobKey()));
    }

    @Override
    public boolean hasActive(JobKey job) {
        for (Task mine : saved.values()) {
            if (mine.isActive() && job.equals(mine.jobKey())) {
                return true;
            }
        }
        // A committed task this write saved counts as its saved version, checked above.
        return index.anyOfJob(job, id -> !saved.containsKey(id));
    }

    @Override
    public List<Task> activeOfRole(String role) {
        return overlay(index.ofRole(role), task -> role.equals(task.jobKey().role()));
    }

    /** Committed active tasks with this write's versions laid over them. */
    private List<Task> overlay(List<Task> committed, Predicate<Task> belongs) {
        if (saved.isEmpty()) {
            return committed;
        }
        Map<TaskId, Task> merged = new LinkedHashMap<>();
        for (Task task : committed) {
            merged.put(task.id(), saved.getOrDefault(task.id(), task));
        }
        merged.putAll(saved);
        return merged.values().stream().filter(Task::isActive).filter(belongs).toList();
    }

    @Override
    public Map<TaskId, List<TaskEvent>> events(Collection<TaskId> ids) {
        Map<TaskId, List<TaskEvent>> events = new LinkedHashMap<>();
        List<TaskId> notActive = new ArrayList<>();
        index.events(ids, events, notActive);
        if (!addedEvents.isEmpty()) {
            // This write's own events follow the committed ones of a task active before it; for
            // any other task they are flushed and read back with the rest below.
            Set<TaskId> fromDatabase = new HashSet<>(notActive);
            for (TaskId id : ids) {
                List<TaskEvent> mine = addedEvents.get(id);
                if (mine != null && !fromDatabase.contains(id)) {
                    List<TaskEvent> all = new ArrayList<>(events.getOrDefault(id, List.of()));
                    all.addAll(mine);
                    events.put(id, all);
                }
            }
        }
        if (!notActive.isEmpty()) {
            flush();
            selectEvents(new ArrayList<>(new LinkedHashSet<>(notActive)), events);
        }
        return events;
    }

    /** Reads the events of {@code ids} (no repeats) from the database into {@code events}. */
    private void selectEvents(List<TaskId> ids, Map<TaskId, List<TaskEvent>> events) {
        List<String> keys = ids.stream().map(TaskId::value).toList();
        Jdbc.call("reading task events", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(EVENTS_BY_IDS)) {
                for (List<String> chunk : InLists.chunks(keys)) {
                    InLists.bind(statement, chunk);
                    try (ResultSet rows = statement.executeQuery()) {
                        readEvents(rows, events);
                    }
                }
                return null;
            }
        });
    }

    private static void readEvents(ResultSet rows, Map<TaskId, List<TaskEvent>> events)
            throws SQLException {
        Map<String, String> schedulers = new HashMap<>();
        while (rows.next()) {
            events.computeIfAbsent(new TaskId(rows.getString(1)), k -> new ArrayList<>())
                    .add(readEvent(rows, schedulers));
        }
    }

    /**
     * The event in columns 2-5 of {@code rows} (ts, status, message, scheduler); scheduler names
     * are shared through {@code schedulers}, as thousands of events repeat a few of them.
     */
    private static TaskEvent readEvent(ResultSet rows, Map<String, String> schedulers)
            throws SQLException {
        String scheduler = rows.getString(5);
        return new TaskEvent(rows.getLong(2), TaskStatus.valueOf(rows.getString(3)),
                rows.getString(4),
                scheduler == null ? null : schedulers.computeIfAbsent(scheduler, k -> k));
    }

    @Override
    public List<TaskId> expiredHistory(long endedBefore, int keepPerJob, long retainedSince,
            int limit) {
        flush();
        String sql = "SELECT task_id FROM (SELECT task_id, status_timestamp, ROW_NUMBER() OVER "
                + "(PARTITION BY role, environment, job_name "
                + "ORDER BY status_timestamp DESC, task_id DESC) AS newer "
                + "FROM tasks WHERE active = FALSE) ranked "
                + "WHERE status_timestamp < ? OR (newer > ? AND status_timestamp < ?) "
                + "ORDER BY status_timestamp, task_id LIMIT ?";
        return Jdbc.call("finding expired task history", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                statement.setLong(1, endedBefore);
                statement.setInt(2, Math.max(0, keepPerJob));
                statement.setLong(3, retainedSince);
                statement.setInt(4, Math.max(0, limit));
                try (ResultSet rows = statement.executeQuery()) {
                    List<TaskId> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(new TaskId(rows.getString(1)));
                    }
                    return ids;
                }
            }
        });
    }

    @Override
    public int prune(Collection<TaskId> ids) {
        unit.checkWritable();
        flush(); // the checks below must see this write's own tasks
        Map<String, String> terminal = terminalConfigHashes(
                ids.stream().map(TaskId::value).distinct().toList());
        if (terminal.isEmpty()) {
            return 0;
        }
        List<String> keys = List.copyOf(terminal.keySet());
        deleteByIds("deleting task events",
                "DELETE FROM task_events WHERE task_id IN " + InLists.PLACEHOLDERS, keys);
        int deleted = deleteByIds("deleting tasks",
                "DELETE FROM tasks WHERE active = FALSE AND task_id IN " + InLists.PLACEHOLDERS,
                keys);
        keys.forEach(id -> saved.remove(new TaskId(id)));
        unit.deleteUnreferencedConfigs(new LinkedHashSet<>(terminal.values()));
        return deleted;
    }

    /** Task id to config hash of the terminal tasks among {@code ids}. */
    private Map<String, String> terminalConfigHashes(List<String> ids) {
        return Jdbc.call("finding terminal tasks", () -> {
            Map<String, String> hashes = new LinkedHashMap<>();
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT task_id, config_hash FROM tasks WHERE active = FALSE AND task_id IN "
                            + InLists.PLACEHOLDERS)) {
                for (List<String> chunk : InLists.chunks(ids)) {
                    InLists.bind(statement, chunk);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            hashes.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
            }
            return hashes;
        });
    }

    /** Runs {@code sql} (one IN list of ids) over {@code ids} as one batch; rows changed. */
    private int deleteByIds(String what, String sql, List<String> ids) {
        return Jdbc.call(what, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                for (List<String> chunk : InLists.chunks(ids)) {
                    InLists.bind(statement, chunk);
                    statement.addBatch();
                }
                int changed = 0;
                for (int count : statement.executeBatch()) {
                    changed += Math.max(0, count);
                }
                return changed;
            }
        });
    }

    @Override
    public void save(Task task) {
        unit.checkWritable();
        unit.storeConfig(task.config());
        saved.put(task.id(), task);
        unflushed.put(task.id(), task);
    }

    @Override
    public void addEvent(TaskId id, TaskEvent event) {
        unit.checkWritable();
        Objects.requireNonNull(event, "event is null");
        unflushedEvents.add(Map.entry(id, event));
        addedEvents.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
    }

    /** Writes the buffered tasks and events in two batches. */
    void flush() {
        if (unflushed.isEmpty() && unflushedEvents.isEmpty()) {
            return;
        }
        // A task's identity, job, instance and configuration never change: a task whose row
        // exists (it is in the committed index) gets an UPDATE of the columns a transition
        // changes. H2 still moves an updated row in every index of the table (its UPDATE is a
        // remove and an add), but skips the MERGE's lookup and conversion of the whole row.
        List<Task> stored = new ArrayList<>();
        List<Task> others = new ArrayList<>();
        for (Task task : unflushed.values()) {
            (index.get(task.id()).isPresent() ? stored : others).add(task);
        }
        Jdbc.call("saving tasks", () -> {
            if (!stored.isEmpty()) {
                try (PreparedStatement statement = unit.connection().prepareStatement(UPDATE)) {
                    for (Task task : stored) {
                        bindChange(statement, task);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
            if (!others.isEmpty()) {
                try (PreparedStatement statement = unit.connection().prepareStatement(
                        unit.dialect().upsert("tasks", COLUMNS, "task_id"))) {
                    for (Task task : others) {
                        bind(statement, task);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
            return null;
        });
        unflushed.clear();
        Jdbc.call("saving task events", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO task_events (task_id, ts, status, message, scheduler) "
                            + "VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<TaskId, TaskEvent> entry : unflushedEvents) {
                    TaskEvent event = entry.getValue();
                    statement.setString(1, entry.getKey().value());
                    statement.setLong(2, event.timestamp());
                    statement.setString(3, event.status().name());
                    statement.setString(4, event.message());
                    statement.setString(5, event.scheduler());
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
        unflushedEvents.clear();
    }

    private static final String UPDATE = "UPDATE tasks SET status = ?, active = ?, "
            + "status_timestamp = ?, failure_count = ?, ancestor_id = ?, agent_id = ?, "
            + "agent_host = ?, assigned_ports = ?, observer_url = ? WHERE task_id = ?";

    private static void bindChange(PreparedStatement statement, Task task) throws SQLException {
        statement.setString(1, task.status().name());
        statement.setBoolean(2, task.isActive());
        statement.setLong(3, task.statusTimestamp());
        statement.setInt(4, task.failureCount());
        statement.setString(5, task.ancestorId() == null ? null : task.ancestorId().value());
        statement.setString(6, task.agentId());
        statement.setString(7, task.agentHost());
        statement.setString(8, TaskConfigs.toJson(task.assignedPorts()));
        statement.setString(9, task.observerUrl());
        statement.setString(10, task.id().value());
    }

    private void bind(PreparedStatement statement, Task task) throws SQLException {
        statement.setString(1, task.id().value());
        statement.setString(2, task.jobKey().role());
        statement.setString(3, task.jobKey().environment());
        statement.setString(4, task.jobKey().name());
        statement.setInt(5, task.instanceId());
        statement.setString(6, unit.configs().hashOf(task.config()));
        statement.setString(7, task.status().name());
        statement.setBoolean(8, task.isActive());
        statement.setLong(9, task.statusTimestamp());
        statement.setInt(10, task.failureCount());
        statement.setString(11, task.ancestorId() == null ? null : task.ancestorId().value());
        statement.setString(12, task.agentId());
        statement.setString(13, task.agentHost());
        statement.setString(14, TaskConfigs.toJson(task.assignedPorts()));
        statement.setString(15, task.observerUrl());
    }

    /** After commit: the committed versions of the tasks this write saved. */
    Collection<Task> savedTasks() {
        return saved.values();
    }

    /** After commit: the events this write appended, per task, oldest first. */
    Map<TaskId, List<TaskEvent>> addedEvents() {
        return addedEvents;
    }

    private List<Task> select(String where, List<Object> params) {
        String sql = "SELECT " + COLUMNS + " FROM tasks " + where;
        return Jdbc.call("reading tasks", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<Task> tasks = new ArrayList<>();
                    while (rows.next()) {
                        tasks.add(read(rows));
                    }
                    return tasks;
                }
            }
        });
    }

    private Task read(ResultSet rows) throws SQLException {
        String ancestor = rows.getString("ancestor_id");
        return new Task(
                new TaskId(rows.getString("task_id")),
                unit.configs().load(unit.connection(), rows.getString("config_hash")),
                rows.getInt("instance_id"),
                TaskStatus.valueOf(rows.getString("status")),
                rows.getLong("status_timestamp"),
                rows.getInt("failure_count"),
                ancestor == null ? null : new TaskId(ancestor),
                rows.getString("agent_id"),
                rows.getString("agent_host"),
                ports(rows.getString("assigned_ports")),
                rows.getString("observer_url"));
    }

    private static Map<String, Integer> ports(String json) {
        try {
            return Json.mapper().readValue(json, PORTS);
        } catch (JsonProcessingException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "cannot read stored ports " + json, e);
        }
    }

    /** At open: every active task, for the index. */
    List<Task> loadActive() {
        return select("WHERE active = TRUE", List.of());
    }

    /**
     * At open: the events of {@code active} (every active task), for the index. One pass over
     * the events in the order they were added, keeping those of active tasks: a join of the
     * active tasks to their events looked each event up through two indexes and then sorted
     * them, three times slower with half the tasks active.
     */
    Map<TaskId, List<TaskEvent>> loadActiveEvents(Collection<Task> active) {
        Map<String, List<TaskEvent>> byId = new HashMap<>(active.size() * 2);
        active.forEach(task -> byId.put(task.id().value(), new ArrayList<>(4)));
        return Jdbc.call("loading the events of active tasks", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT task_id, ts, status, message, scheduler FROM task_events "
                            + "ORDER BY event_id");
                    ResultSet rows = statement.executeQuery()) {
                Map<String, String> schedulers = new HashMap<>();
                while (rows.next()) {
                    List<TaskEvent> events = byId.get(rows.getString(1));
                    if (events != null) {
                        events.add(readEvent(rows, schedulers));
                    }
                }
            }
            Map<TaskId, List<TaskEvent>> events = new HashMap<>(byId.size() * 2);
            byId.forEach((id, list) -> events.put(new TaskId(id), list));
            return events;
        });
    }
}
