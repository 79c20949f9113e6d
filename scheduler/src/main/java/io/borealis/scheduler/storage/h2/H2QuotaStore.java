package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.Resources;
import io.borealis.scheduler.storage.QuotaStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Quotas in table {@code quotas}, one row per role, read from the database on each call (quota
 * calls are rare: job creation, operators' commands). Writes go straight into the write's
 * transaction, so the write sees them.
 */
final class H2QuotaStore implements QuotaStore.Mutable {
    private final Unit unit;

    H2QuotaStore(Unit unit) {
        this.unit = unit;
    }

    @Override
    public Optional<Resources> fetch(String role) {
        return select("WHERE role = ?", role).values().stream().findFirst();
    }

    @Override
    public Map<String, Resources> fetchAll() {
        return select("");
    }

    private Map<String, Resources> select(String where, Object... params) {
        String sql = "SELECT role, cpu, ram_mb, disk_mb FROM quotas " + where + " ORDER BY role";
        return Jdbc.call("reading quotas", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    Map<String, Resources> quotas = new LinkedHashMap<>();
                    while (rows.next()) {
                        quotas.put(rows.getString("role"), new Resources(rows.getDouble("cpu"),
                                rows.getLong("ram_mb"), rows.getLong("disk_mb"), 0));
                    }
                    return quotas;
                }
            }
        });
    }

    @Override
    public void save(String role, Resources quota) {
        unit.checkWritable();
        Jdbc.call("saving the quota of role " + role, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    unit.dialect().upsert("quotas", "role, cpu, ram_mb, disk_mb, updated_at",
                            "role"))) {
                statement.setString(1, role);
                statement.setDouble(2, quota.cpu());
                statement.setLong(3, quota.ramMb());
                statement.setLong(4, quota.diskMb());
                statement.setLong(5, unit.now());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(String role) {
        unit.checkWritable();
        return Jdbc.call("deleting the quota of role " + role, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "DELETE FROM quotas WHERE role = ?")) {
                statement.setString(1, role);
                return statement.executeUpdate() > 0;
            }
        });
    }
}
