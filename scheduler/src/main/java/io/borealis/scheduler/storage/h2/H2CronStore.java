package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.CronRun;
import io.borealis.api.model.CronRunOutcome;
import io.borealis.api.model.CronTrigger;
import io.borealis.api.model.JobKey;
import io.borealis.scheduler.storage.CronStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Cron state in tables {@code cron_state} (one row per cron job) and {@code cron_runs} (each
 * job's recent runs), read from the database on each call: the cron scheduler reads them once
 * per tick. Saves are a delete and an insert: portable SQL, no vendor upsert.
 */
final class H2CronStore implements CronStore.Mutable {
    private static final String KEY = "role = ? AND environment = ? AND name = ?";

    private final Unit unit;

    H2CronStore(Unit unit) {
        this.unit = unit;
    }

    @Override
    public OptionalLong lastTrigger(JobKey key) {
        return Jdbc.call("reading the cron state of " + key, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT last_trigger_at FROM cron_state WHERE " + KEY)) {
                bindKey(statement, key, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public Map<JobKey, Long> lastTriggers() {
        return Jdbc.call("reading the cron state", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT role, environment, name, last_trigger_at FROM cron_state "
                            + "ORDER BY role, environment, name");
                    ResultSet rows = statement.executeQuery()) {
                Map<JobKey, Long> triggers = new LinkedHashMap<>();
                while (rows.next()) {
                    triggers.put(new JobKey(rows.getString(1), rows.getString(2),
                            rows.getString(3)), rows.getLong(4));
                }
                return triggers;
            }
        });
    }

    @Override
    public List<CronRun> runs(JobKey key, int limit) {
        return Jdbc.call("reading the cron runs of " + key, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT trigger_at, run_at, trigger_kind, outcome, message FROM cron_runs "
                            + "WHERE " + KEY + " ORDER BY run_number DESC")) {
                bindKey(statement, key, 1);
                statement.setMaxRows(limit);
                try (ResultSet rows = statement.executeQuery()) {
                    List<CronRun> runs = new ArrayList<>();
                    while (rows.next()) {
                        runs.add(new CronRun(rows.getLong(1), rows.getLong(2),
                                CronTrigger.valueOf(rows.getString(3)),
                                CronRunOutcome.valueOf(rows.getString(4)), rows.getString(5)));
                    }
                    return runs;
                }
            }
        });
    }

    @Override
    public void saveLastTrigger(JobKey key, long triggerAt) {
        unit.checkWritable();
        Jdbc.call("saving the cron state of " + key, () -> {
            deleteRows("cron_state", key);
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO cron_state (role, environment, name, last_trigger_at) "
                            + "VALUES (?, ?, ?, ?)")) {
                bindKey(statement, key, 1);
                statement.setLong(4, triggerAt);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void addRun(JobKey key, CronRun run, int keep) {
        unit.checkWritable();
        Jdbc.call("saving a cron run of " + key, () -> {
            long number;
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT COALESCE(MAX(run_number), 0) FROM cron_runs WHERE " + KEY)) {
                bindKey(statement, key, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    number = rows.getLong(1) + 1;
                }
            }
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO cron_runs (role, environment, name, run_number, trigger_at, "
                            + "run_at, trigger_kind, outcome, message) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindKey(statement, key, 1);
                statement.setLong(4, number);
                statement.setLong(5, run.triggerTimeMs());
                statement.setLong(6, run.runTimeMs());
                statement.setString(7, run.trigger().name());
                statement.setString(8, run.outcome().name());
                statement.setString(9, truncate(run.message(), 2048));
                statement.executeUpdate();
            }
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "DELETE FROM cron_runs WHERE " + KEY + " AND run_number <= ?")) {
                bindKey(statement, key, 1);
                statement.setLong(4, number - keep);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(JobKey key) {
        unit.checkWritable();
        return Jdbc.call("deleting the cron state of " + key, () -> {
            deleteRows("cron_runs", key);
            return deleteRows("cron_state", key) > 0;
        });
    }

    private int deleteRows(String table, JobKey key) throws SQLException {
        try (PreparedStatement statement = unit.connection().prepareStatement(
                "DELETE FROM " + table + " WHERE " + KEY)) {
            bindKey(statement, key, 1);
            return statement.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement statement, JobKey key, int first)
            throws SQLException {
        statement.setString(first, key.role());
        statement.setString(first + 1, key.environment());
        statement.setString(first + 2, key.name());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
