package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.CronCollisionPolicy;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.UpdateSettings;
import io.borealis.scheduler.storage.JobStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Jobs in table {@code jobs}; their task configuration by hash in {@code task_configs}. */
final class H2JobStore implements JobStore.Mutable {
    private static final String COLUMNS = "role, environment, name, owner, instance_count, "
            + "config_hash, cron_schedule, cron_collision_policy, update_settings_json, cluster, "
            + "cron_timezone";

    private final Unit unit;

    H2JobStore(Unit unit) {
        this.unit = unit;
    }

    @Override
    public Optional<JobConfiguration> fetch(JobKey key) {
        List<JobConfiguration> jobs = select(
                "WHERE role = ? AND environment = ? AND name = ?",
                key.role(), key.environment(), key.name());
        return jobs.stream().findFirst();
    }

    @Override
    public List<JobConfiguration> fetchAll() {
        return select("");
    }

    @Override
    public List<JobConfiguration> fetchByRole(String role) {
        return select("WHERE role = ?", role);
    }

    private List<JobConfiguration> select(String where, Object... params) {
        String sql = "SELECT " + COLUMNS + " FROM jobs " + where
                + " ORDER BY role, environment, name";
        return Jdbc.call("reading jobs", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<JobConfiguration> jobs = new ArrayList<>();
                    while (rows.next()) {
                        jobs.add(read(rows));
                    }
                    return jobs;
                }
            }
        });
    }

    private JobConfiguration read(ResultSet rows) throws SQLException {
        String settings = rows.getString("update_settings_json");
        return new JobConfiguration(
                new JobKey(rows.getString("role"), rows.getString("environment"),
                        rows.getString("name")),
                rows.getString("owner"),
                rows.getInt("instance_count"),
                unit.configs().load(unit.connection(), rows.getString("config_hash")),
                rows.getString("cron_schedule"),
                CronCollisionPolicy.valueOf(rows.getString("cron_collision_policy")),
                settings == null ? null : TaskConfigs.fromJson(settings, UpdateSettings.class),
                rows.getString("cluster"),
                rows.getString("cron_timezone"));
    }

    @Override
    public void save(JobConfiguration job) {
        unit.checkWritable();
        String hash = unit.storeConfig(job.taskConfig());
        Jdbc.call("saving job " + job.key(), () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    unit.dialect().upsert("jobs", COLUMNS + ", created_at",
                            "role, environment, name"))) {
                statement.setString(1, job.key().role());
                statement.setString(2, job.key().environment());
                statement.setString(3, job.key().name());
                statement.setString(4, job.owner());
                statement.setInt(5, job.instanceCount());
                statement.setString(6, hash);
                statement.setString(7, job.cronSchedule());
                statement.setString(8, job.cronCollisionPolicy().name());
                statement.setString(9, job.updateSettings() == null
                        ? null : TaskConfigs.toJson(job.updateSettings()));
                statement.setString(10, job.cluster());
                statement.setString(11, job.cronTimezone());
                statement.setLong(12, unit.now());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(JobKey key) {
        unit.checkWritable();
        return Jdbc.call("deleting job " + key, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "DELETE FROM jobs WHERE role = ? AND environment = ? AND name = ?")) {
                statement.setString(1, key.role());
                statement.setString(2, key.environment());
                statement.setString(3, key.name());
                return statement.executeUpdate() > 0;
            }
        });
    }
}
