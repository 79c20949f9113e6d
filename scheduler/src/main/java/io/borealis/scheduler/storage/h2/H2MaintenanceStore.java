package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.CoordinatorSlaPolicy;
import io.borealis.api.model.CountSlaPolicy;
import io.borealis.api.model.PercentageSlaPolicy;
import io.borealis.api.model.SlaPolicy;
import io.borealis.scheduler.storage.HostMaintenance;
import io.borealis.scheduler.storage.HostMode;
import io.borealis.scheduler.storage.MaintenanceStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host maintenance in table {@code host_maintenance}, one row per host not in NONE, read from
 * the database on each call (few hosts are in maintenance; the scheduling loop reads the modes
 * from the maintenance manager's memory, not from here). A save is a delete and an insert in the
 * write's transaction: portable SQL, no vendor upsert.
 */
final class H2MaintenanceStore implements MaintenanceStore.Mutable {
    private static final String COLUMNS = "host, mode, mode_since, drain_sla_aware, "
            + "drain_timeout_secs, drain_requested_at, sla_kind, sla_count, sla_percentage, "
            + "sla_duration_secs, sla_coordinator_url, sla_status_key";

    private final Unit unit;

    H2MaintenanceStore(Unit unit) {
        this.unit = unit;
    }

    @Override
    public Optional<HostMaintenance> fetch(String host) {
        return select("WHERE host = ?", host).stream().findFirst();
    }

    @Override
    public List<HostMaintenance> fetchAll() {
        return select("");
    }

    private List<HostMaintenance> select(String where, Object... params) {
        String sql = "SELECT " + COLUMNS + " FROM host_maintenance " + where + " ORDER BY host";
        return Jdbc.call("reading host maintenance", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<HostMaintenance> hosts = new ArrayList<>();
                    while (rows.next()) {
                        hosts.add(row(rows));
                    }
                    return hosts;
                }
            }
        });
    }

    private static HostMaintenance row(ResultSet rows) throws SQLException {
        HostMode mode = HostMode.valueOf(rows.getString("mode"));
        HostMaintenance.Drain drain = null;
        long requestedAt = rows.getLong("drain_requested_at");
        if (!rows.wasNull()) {
            drain = new HostMaintenance.Drain(rows.getBoolean("drain_sla_aware"), policy(rows),
                    rows.getLong("drain_timeout_secs"), requestedAt);
        }
        return new HostMaintenance(rows.getString("host"), mode, rows.getLong("mode_since"),
                drain);
    }

    private static SlaPolicy policy(ResultSet rows) throws SQLException {
        String kind = rows.getString("sla_kind");
        if (kind == null) {
            return null;
        }
        long duration = rows.getLong("sla_duration_secs");
        return switch (kind) {
            case "COUNT" -> new SlaPolicy(new CountSlaPolicy(rows.getLong("sla_count"), duration),
                    null, null);
            case "PERCENTAGE" -> new SlaPolicy(null,
                    new PercentageSlaPolicy(rows.getDouble("sla_percentage"), duration), null);
            case "COORDINATOR" -> new SlaPolicy(null, null, new CoordinatorSlaPolicy(
                    rows.getString("sla_coordinator_url"), rows.getString("sla_status_key")));
            default -> throw new SQLException("unknown sla_kind '" + kind + "' for host "
                    + rows.getString("host"));
        };
    }

    @Override
    public void save(HostMaintenance host) {
        unit.checkWritable();
        Jdbc.call("saving the maintenance of host " + host.host(), () -> {
            delete(host.host());
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "INSERT INTO host_maintenance (" + COLUMNS + ") "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, host.host());
                statement.setString(2, host.mode().name());
                statement.setLong(3, host.since());
                bindDrain(statement, host.drain());
                return statement.executeUpdate();
            }
        });
    }

    private static void bindDrain(PreparedStatement statement, HostMaintenance.Drain drain)
            throws SQLException {
        for (int i = 4; i <= 12; i++) {
            statement.setNull(i, type(i));
        }
        if (drain == null) {
            return;
        }
        statement.setBoolean(4, drain.slaAware());
        statement.setLong(5, drain.timeoutSecs());
        statement.setLong(6, drain.requestedAt());
        SlaPolicy policy = drain.defaultPolicy();
        if (policy == null) {
            return;
        }
        if (policy.count() != null) {
            statement.setString(7, "COUNT");
            statement.setLong(8, policy.count().count());
            statement.setLong(10, policy.count().durationSecs());
        } else if (policy.percentage() != null) {
            statement.setString(7, "PERCENTAGE");
            statement.setDouble(9, policy.percentage().percentage());
            statement.setLong(10, policy.percentage().durationSecs());
        } else {
            statement.setString(7, "COORDINATOR");
            statement.setString(11, policy.coordinator().coordinatorUrl());
            statement.setString(12, policy.coordinator().statusKey());
        }
    }

    private static int type(int parameter) {
        return switch (parameter) {
            case 4 -> Types.BOOLEAN;
            case 7, 11, 12 -> Types.VARCHAR;
            case 9 -> Types.DOUBLE;
            default -> Types.BIGINT;
        };
    }

    @Override
    public boolean delete(String host) {
        unit.checkWritable();
        return Jdbc.call("deleting the maintenance of host " + host, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "DELETE FROM host_maintenance WHERE host = ?")) {
                statement.setString(1, host);
                return statement.executeUpdate() > 0;
            }
        });
    }
}
