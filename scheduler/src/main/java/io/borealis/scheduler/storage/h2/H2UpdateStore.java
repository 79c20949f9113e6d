package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.JobUpdateStatus;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.UpdateSettings;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.storage.UpdateEvent;
import io.borealis.scheduler.storage.UpdateInstance;
import io.borealis.scheduler.storage.UpdateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Updates in tables {@code job_updates}, {@code job_update_configs}, {@code job_update_instances}
 * and {@code job_update_events}, read from the database on each call (a handful of active updates
 * at a time). The unique {@code active_job} column keeps one active update per job.
 */
final class H2UpdateStore implements UpdateStore.Mutable {
    private static final String COLUMNS = "update_id, role, environment, job_name, username, "
            + "message, status, status_message, settings_json, instances_before, "
            + "instances_after, created_at, updated_at, last_pulse_at";

    private final Unit unit;

    H2UpdateStore(Unit unit) {
        this.unit = unit;
    }

    @Override
    public Optional<JobUpdate> fetch(String id) {
        return select("WHERE update_id = ?", id).stream().findFirst();
    }

    @Override
    public Optional<JobUpdate> active(JobKey job) {
        return select("WHERE active_job = ?", activeKey(job)).stream().findFirst();
    }

    @Override
    public List<JobUpdate> allActive() {
        return select("WHERE active_job IS NOT NULL ORDER BY created_at, update_id");
    }

    @Override
    public List<JobUpdate> query(@Nullable JobKey job, @Nullable String role,
            Collection<JobUpdateStatus> statuses) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        if (job != null) {
            where.append(" AND role = ? AND environment = ? AND job_name = ?");
            params.add(job.role());
            params.add(job.environment());
            params.add(job.name());
        } else if (role != null) {
            where.append(" AND role = ?");
            params.add(role);
        }
        if (!statuses.isEmpty()) {
            where.append(" AND status IN (")
                    .append(String.join(", ", statuses.stream().map(s -> "?").toList()))
                    .append(")");
            statuses.forEach(status -> params.add(status.name()));
        }
        where.append(" ORDER BY created_at DESC, update_id DESC");
        return select(where.toString(), params.toArray());
    }

    private List<JobUpdate> select(String where, Object... params) {
        String sql = "SELECT " + COLUMNS + " FROM job_updates " + where;
        return Jdbc.call("reading updates", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                bind(statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    List<JobUpdate> updates = new ArrayList<>();
                    while (rows.next()) {
                        updates.add(read(rows));
                    }
                    return updates;
                }
            }
        });
    }

    private static JobUpdate read(ResultSet rows) throws SQLException {
        return new JobUpdate(rows.getString("update_id"),
                new JobKey(rows.getString("role"), rows.getString("environment"),
                        rows.getString("job_name")),
                rows.getString("username"), rows.getString("message"),
                JobUpdateStatus.valueOf(rows.getString("status")),
                rows.getString("status_message"),
                TaskConfigs.fromJson(rows.getString("settings_json"), UpdateSettings.class),
                rows.getInt("instances_before"), rows.getInt("instances_after"),
                rows.getLong("created_at"), rows.getLong("updated_at"),
                rows.getLong("last_pulse_at"));
    }

    @Override
    public List<TaskConfig> configs(String id) {
        return Jdbc.call("reading the configurations of update " + id, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT config_json FROM job_update_configs WHERE update_id = ? "
                            + "ORDER BY ordinal")) {
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    List<TaskConfig> configs = new ArrayList<>();
                    while (rows.next()) {
                        configs.add(TaskConfigs.fromJson(rows.getString(1), TaskConfig.class));
                    }
                    return configs;
                }
            }
        });
    }

    @Override
    public List<UpdateInstance> instances(String id) {
        return readInstances("the instances of update " + id, "WHERE update_id = ? "
                + "ORDER BY instance_id", id);
    }

    /**
     * One query per state, each a range of {@code job_update_instances_by_state} (H2 reads every
     * instance of the update for {@code state IN (...)}).
     */
    @Override
    public List<UpdateInstance> instances(String id, Set<UpdateInstance.State> states) {
        List<UpdateInstance> instances = new ArrayList<>();
        for (UpdateInstance.State state : states) {
            instances.addAll(readInstances("the " + state + " instances of update " + id,
                    "WHERE update_id = ? AND state = ?", id, state.name()));
        }
        instances.sort(Comparator.comparingInt(UpdateInstance::instanceId));
        return instances;
    }

    /** Ordered as {@code job_update_instances_by_state}, so the query stops after the limit. */
    @Override
    public List<UpdateInstance> pending(String id, int limit, boolean descending) {
        String order = descending ? "update_id DESC, state DESC, instance_id DESC"
                : "update_id, state, instance_id";
        return readInstances("the pending instances of update " + id, "WHERE update_id = ? "
                + "AND state = ? ORDER BY " + order + " LIMIT ?", id,
                UpdateInstance.State.PENDING.name(), limit);
    }

    @Override
    public int lastBatch(String id) {
        return Jdbc.call("reading the last batch of update " + id, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT COALESCE(MAX(batch), 0) FROM job_update_instances "
                            + "WHERE update_id = ?")) {
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private List<UpdateInstance> readInstances(String what, String where, Object... params) {
        return Jdbc.call("reading " + what, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT instance_id, from_config, to_config, state, task_id, batch, failures, "
                            + "state_since FROM job_update_instances " + where)) {
                bind(statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    List<UpdateInstance> instances = new ArrayList<>();
                    while (rows.next()) {
                        String task = rows.getString("task_id");
                        instances.add(new UpdateInstance(rows.getInt("instance_id"),
                                (Integer) rows.getObject("from_config", Integer.class),
                                (Integer) rows.getObject("to_config", Integer.class),
                                UpdateInstance.State.valueOf(rows.getString("state")),
                                task == null ? null : new TaskId(task), rows.getInt("batch"),
                                rows.getInt("failures"), rows.getLong("state_since")));
                    }
                    return instances;
                }
            }
        });
    }

    @Override
    public List<UpdateEvent> events(String id) {
        return Jdbc.call("reading the events of update " + id, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT created_at, instance_id, status, message FROM job_update_events "
                            + "WHERE update_id = ? ORDER BY event_id")) {
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    List<UpdateEvent> events = new ArrayList<>();
                    while (rows.next()) {
                        events.add(new UpdateEvent(rows.getLong(1),
                                rows.getObject(2, Integer.class), rows.getString(3),
                                rows.getString(4)));
                    }
                    return events;
                }
            }
        });
    }

    @Override
    public void insert(JobUpdate update, List<TaskConfig> configs,
            List<UpdateInstance> instances) {
        unit.checkWritable();
        active(update.job()).ifPresent(other -> {
            throw PlatformException.invalid("job " + update.job() + " already has an active update "
                    + other.id() + " (" + other.status() + "); end it first with 'borealis update "
                    + "abort " + update.job() + "'");
        });
        Jdbc.call("storing update " + update.id(), () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO job_updates (" + COLUMNS + ", active_job) VALUES "
                            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindUpdate(statement, update);
                return statement.executeUpdate();
            }
        });
        Jdbc.call("storing the configurations of update " + update.id(), () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO job_update_configs (update_id, ordinal, config_json) "
                            + "VALUES (?, ?, ?)")) {
                for (int i = 0; i < configs.size(); i++) {
                    statement.setString(1, update.id());
                    statement.setInt(2, i);
                    statement.setString(3, TaskConfigs.toJson(configs.get(i)));
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
        Jdbc.call("storing the instances of update " + update.id(), () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO job_update_instances (update_id, instance_id, from_config, "
                            + "to_config, state, task_id, batch, failures, state_since) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (UpdateInstance instance : instances) {
                    statement.setString(1, update.id());
                    statement.setInt(2, instance.instanceId());
                    bindInstance(statement, 3, instance);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    @Override
    public void save(JobUpdate update) {
        unit.checkWritable();
        Jdbc.call("saving update " + update.id(), () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "UPDATE job_updates SET status = ?, status_message = ?, updated_at = ?, "
                            + "last_pulse_at = ?, active_job = ? WHERE update_id = ?")) {
                statement.setString(1, update.status().name());
                statement.setString(2, clip(update.statusMessage()));
                statement.setLong(3, update.updatedAt());
                statement.setLong(4, update.lastPulseAt());
                statement.setString(5, update.status().isActive() ? activeKey(update.job()) : null);
                statement.setString(6, update.id());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void saveInstance(String id, UpdateInstance instance) {
        unit.checkWritable();
        Jdbc.call("saving instance " + instance.instanceId() + " of update " + id, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "UPDATE job_update_instances SET from_config = ?, to_config = ?, state = ?, "
                            + "task_id = ?, batch = ?, failures = ?, state_since = ? "
                            + "WHERE update_id = ? AND instance_id = ?")) {
                bindInstance(statement, 1, instance);
                statement.setString(8, id);
                statement.setInt(9, instance.instanceId());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void addEvent(String id, UpdateEvent event) {
        unit.checkWritable();
        Jdbc.call("adding an event to update " + id, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO job_update_events (update_id, created_at, instance_id, status, "
                            + "message) VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, id);
                statement.setLong(2, event.timestamp());
                setInteger(statement, 3, event.instanceId());
                statement.setString(4, event.status());
                statement.setString(5, clip(event.message()));
                return statement.executeUpdate();
            }
        });
    }

    private static void bindUpdate(PreparedStatement statement, JobUpdate update)
            throws SQLException {
        statement.setString(1, update.id());
        statement.setString(2, update.job().role());
        statement.setString(3, update.job().environment());
        statement.setString(4, update.job().name());
        statement.setString(5, update.user());
        statement.setString(6, clip(update.message()));
        statement.setString(7, update.status().name());
        statement.setString(8, clip(update.statusMessage()));
        statement.setString(9, TaskConfigs.toJson(update.settings()));
        statement.setInt(10, update.instancesBefore());
        statement.setInt(11, update.instancesAfter());
        statement.setLong(12, update.createdAt());
        statement.setLong(13, update.updatedAt());
        statement.setLong(14, update.lastPulseAt());
        statement.setString(15, update.status().isActive() ? activeKey(update.job()) : null);
    }

    private static void bindInstance(PreparedStatement statement, int first,
            UpdateInstance instance) throws SQLException {
        setInteger(statement, first, instance.fromConfig());
        setInteger(statement, first + 1, instance.toConfig());
        statement.setString(first + 2, instance.state().name());
        statement.setString(first + 3,
                instance.taskId() == null ? null : instance.taskId().value());
        statement.setInt(first + 4, instance.batch());
        statement.setInt(first + 5, instance.failures());
        statement.setLong(first + 6, instance.stateSince());
    }

    private static void setInteger(PreparedStatement statement, int index,
            @Nullable Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    /** Messages are free text from users and tasks: kept to the column's 4,096 characters. */
    private static String clip(String text) {
        return text.length() <= 4096 ? text : text.substring(0, 4093) + "...";
    }

    private static String activeKey(JobKey job) {
        return job.role() + "/" + job.environment() + "/" + job.name();
    }
}
