package io.borealis.scheduler.storage.h2;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.StateTables;
import io.borealis.scheduler.storage.StateTables.Column;
import io.borealis.scheduler.storage.StateTables.Table;
import io.borealis.scheduler.storage.StateTables.Type;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The tables of a database as {@link StateTables} sees them, with plain JDBC and the standard
 * catalogue ({@link DatabaseMetaData}), nothing H2-only: every table of the connection's schema
 * but Flyway's history, parents (by foreign key) before children; reading them in one snapshot,
 * and refilling them in one transaction.
 */
final class H2Tables {
    /** Flyway's bookkeeping: a migration fact of the database, not scheduler state. */
    static final String HISTORY_TABLE = "flyway_schema_history";
    private static final int BATCH = 1_000;

    private H2Tables() {}

    /** A table as the catalogue has it: its portable shape, SQL name, key and identities. */
    record Found(Table table, String sqlName, Map<String, String> sqlColumns,
            List<String> primaryKey, List<String> identities) {
        Found {
            requireNonNull(table, "table is null");
            requireNonNull(sqlName, "sqlName is null");
            sqlColumns = Map.copyOf(sqlColumns);
            primaryKey = List.copyOf(primaryKey);
            identities = List.copyOf(identities);
        }
    }

    /** Every table of the connection's schema, parents before children, ties by name. */
    static List<Found> describe(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        Map<String, String> sqlNames = new TreeMap<>();
        try (ResultSet rows = meta.getTables(catalog, schema, "%", null)) {
            while (rows.next()) {
                String type = rows.getString("TABLE_TYPE");
                String name = rows.getString("TABLE_NAME");
                if (("TABLE".equals(type) || "BASE TABLE".equals(type))
                        && !HISTORY_TABLE.equalsIgnoreCase(name)) {
                    sqlNames.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        Map<String, Found> found = new TreeMap<>();
        Map<String, Set<String>> parents = new TreeMap<>();
        for (Map.Entry<String, String> entry : sqlNames.entrySet()) {
            found.put(entry.getKey(), describeTable(meta, catalog, schema, entry.getKey(),
                    entry.getValue()));
            Set<String> of = new TreeSet<>();
            try (ResultSet keys = meta.getImportedKeys(catalog, schema, entry.getValue())) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(entry.getKey())) {
                        of.add(parent);
                    }
                }
            }
            parents.put(entry.getKey(), of);
        }
        List<Found> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < found.size()) {
            String next = parents.entrySet().stream()
                    .filter(e -> !placed.contains(e.getKey()) && placed.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new PlatformException(ErrorCode.INTERNAL,
                            "the foreign keys between tables " + parents + " form a cycle"));
            placed.add(next);
            ordered.add(found.get(next));
        }
        return ordered;
    }

    private static Found describeTable(DatabaseMetaData meta, String catalog, String schema,
            String name, String sqlName) throws SQLException {
        List<Column> columns = new ArrayList<>();
        Map<String, String> sqlColumns = new HashMap<>();
        List<String> identities = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(catalog, schema, sqlName, "%")) {
            while (rows.next()) {
                String sqlColumn = rows.getString("COLUMN_NAME");
                String column = sqlColumn.toLowerCase(Locale.ROOT);
                columns.add(new Column(column, type(name, column, rows.getInt("DATA_TYPE"),
                        rows.getString("TYPE_NAME"))));
                sqlColumns.put(column, sqlColumn);
                if ("YES".equals(rows.getString("IS_AUTOINCREMENT"))) {
                    identities.add(column);
                }
            }
        }
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, sqlName)) {
            while (rows.next()) {
                key.put(rows.getInt("KEY_SEQ"),
                        rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new Found(new Table(name, columns), sqlName, sqlColumns,
                List.copyOf(key.values()), identities);
    }

    /**
     * The portable type of a column. A type backups cannot carry fails the backup with its name,
     * rather than being left out: a new table or column must never be silently lost.
     */
    private static Type type(String table, String column, int sqlType, String typeName) {
        return switch (sqlType) {
            case Types.VARCHAR, Types.CHAR, Types.CLOB, Types.LONGVARCHAR, Types.NVARCHAR,
                    Types.NCHAR, Types.NCLOB, Types.LONGNVARCHAR -> Type.STRING;
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Type.LONG;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Type.DOUBLE;
            case Types.BOOLEAN, Types.BIT -> Type.BOOLEAN;
            default -> throw new PlatformException(ErrorCode.INTERNAL, "column " + table + "."
                    + column + " has type " + typeName + ", which backups cannot copy yet");
        };
    }

    private static String quote(String sqlName) {
        return '"' + sqlName.replace("\"", "\"\"") + '"';
    }

    private static String columnList(Found found, List<Column> columns) {
        return columns.stream().map(c -> quote(found.sqlColumns().get(c.name())))
                .collect(Collectors.joining(", "));
    }

    /** Reads {@code tables} on {@code connection}, which the reader owns and closes. */
    static StateTables.Reader reader(Connection connection, List<Found> tables,
            String schemaVersion) {
        return new SnapshotReader(connection, tables, schemaVersion);
    }

    /** Reads the tables, in order, inside the connection's transaction. */
    private static final class SnapshotReader implements StateTables.Reader {
        private final Connection connection;
        private final List<Found> tables;
        private final String schemaVersion;
        private int next;
        private @Nullable Found current;
        private @Nullable PreparedStatement statement;
        private @Nullable ResultSet rows;

        SnapshotReader(Connection connection, List<Found> tables, String schemaVersion) {
            this.connection = connection;
            this.tables = tables;
            this.schemaVersion = schemaVersion;
        }

        @Override
        public String schemaVersion() {
            return schemaVersion;
        }

        @Override
        public Optional<Table> nextTable() {
            closeRows();
            if (next >= tables.size()) {
                current = null;
                return Optional.empty();
            }
            Found found = tables.get(next++);
            current = found;
            String order = found.primaryKey().isEmpty() ? "" : " ORDER BY " + found.primaryKey()
                    .stream().map(c -> quote(found.sqlColumns().get(c)))
                    .collect(Collectors.joining(", "));
            return Jdbc.call("reading table " + found.table().name(), () -> {
                statement = connection.prepareStatement("SELECT "
                        + columnList(found, found.table().columns()) + " FROM "
                        + quote(found.sqlName()) + order);
                statement.setFetchSize(BATCH);
                rows = statement.executeQuery();
                return Optional.of(found.table());
            });
        }

        @Override
        public @Nullable Object @Nullable [] nextRow() {
            Found found = current;
            ResultSet open = rows;
            if (found == null || open == null) {
                return null;
            }
            return Jdbc.call("reading table " + found.table().name(), () -> {
                if (!open.next()) {
                    return null;
                }
                List<Column> columns = found.table().columns();
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = read(open, i + 1, columns.get(i).type());
                }
                return row;
            });
        }

        private void closeRows() {
            try {
                if (rows != null) {
                    rows.close();
                }
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException e) {
                throw new PlatformException(ErrorCode.INTERNAL,
                        "storage failure while reading tables: " + e.getMessage(), e);
            } finally {
                rows = null;
                statement = null;
            }
        }

        @Override
        public void close() {
            try {
                closeRows();
            } finally {
                H2Storage.endSnapshot(connection);
            }
        }
    }

    private static @Nullable Object read(ResultSet rows, int index, Type type)
            throws SQLException {
        Object value = switch (type) {
            case STRING -> rows.getString(index);
            case LONG -> rows.getLong(index);
            case DOUBLE -> rows.getDouble(index);
            case BOOLEAN -> rows.getBoolean(index);
        };
        return rows.wasNull() ? null : value;
    }

    /**
     * Replaces the content of every table on {@code connection} (in the caller's transaction)
     * by {@code source}'s; the tables in {@code merged} keep their rows and gain those of
     * {@code source} whose primary key they lack. Returns the rows written per table.
     *
     * @throws PlatformException when {@code source}'s tables or columns differ from the schema's
     */
    static Map<String, Long> replace(Connection connection, StateTables.Reader source,
            Set<String> merged) throws SQLException {
        List<Found> target = describe(connection);
        Map<String, Found> byName = new LinkedHashMap<>();
        target.forEach(found -> byName.put(found.table().name(), found));
        for (String name : merged) {
            if (!byName.containsKey(name)) {
                throw new PlatformException(ErrorCode.INTERNAL, "no table " + name + " to merge");
            }
        }
        for (int i = target.size() - 1; i >= 0; i--) {
            Found found = target.get(i);
            if (!merged.contains(found.table().name())) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM " + quote(found.sqlName()));
                }
            }
        }
        Map<String, Long> written = new LinkedHashMap<>();
        Optional<Table> table;
        while ((table = source.nextTable()).isPresent()) {
            Table from = table.get();
            Found found = byName.get(from.name());
            if (found == null) {
                throw PlatformException.invalid("the backup has a table " + from.name()
                        + " that schema version " + source.schemaVersion() + " does not have");
            }
            if (written.containsKey(from.name())) {
                throw PlatformException.invalid("the backup has table " + from.name() + " twice");
            }
            checkColumns(from, found.table());
            written.put(from.name(), insert(connection, source, from, found,
                    merged.contains(from.name())));
        }
        Set<String> missing = new TreeSet<>(byName.keySet());
        missing.removeAll(written.keySet());
        if (!missing.isEmpty()) {
            throw PlatformException.invalid("the backup lacks table(s) " + missing
                    + " of schema version " + source.schemaVersion());
        }
        return written;
    }

    private static void checkColumns(Table from, Table to) {
        if (!Set.copyOf(from.columns()).equals(Set.copyOf(to.columns()))) {
            throw PlatformException.invalid("table " + from.name() + " has columns "
                    + from.columns() + " in the backup but " + to.columns() + " in the schema");
        }
    }

    private static long insert(Connection connection, StateTables.Reader source, Table from,
            Found found, boolean merge) throws SQLException {
        Set<List<Object>> existing = merge ? keys(connection, found) : Set.of();
        List<Integer> keyIndexes = new ArrayList<>();
        for (String key : found.primaryKey()) {
            keyIndexes.add(indexOf(from, key));
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(
                from.columns().size(), "?"));
        long count = 0;
        int pending = 0;
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO "
                + quote(found.sqlName()) + " (" + columnList(found, from.columns())
                + ") VALUES (" + placeholders + ")")) {
            Object[] row;
            while ((row = source.nextRow()) != null) {
                if (row.length != from.columns().size()) {
                    throw PlatformException.invalid("a row of table " + from.name() + " has "
                            + row.length + " values for " + from.columns().size() + " columns");
                }
                if (merge && existing.contains(key(row, keyIndexes))) {
                    continue;
                }
                for (int i = 0; i < row.length; i++) {
                    bind(statement, i + 1, from.columns().get(i), row[i], from.name());
                }
                statement.addBatch();
                count++;
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
        return count;
    }

    private static int indexOf(Table table, String column) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        throw new PlatformException(ErrorCode.INTERNAL, "no column " + column + " in "
                + table.name());
    }

    private static List<Object> key(Object[] row, List<Integer> indexes) {
        List<Object> key = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            key.add(row[index]);
        }
        return key;
    }

    private static Set<List<Object>> keys(Connection connection, Found found)
            throws SQLException {
        Set<List<Object>> keys = new HashSet<>();
        List<Column> keyColumns = found.primaryKey().stream()
                .map(name -> found.table().columns().get(indexOf(found.table(), name)))
                .toList();
        if (keyColumns.isEmpty()) {
            return keys;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT "
                        + columnList(found, keyColumns) + " FROM " + quote(found.sqlName()))) {
            while (rows.next()) {
                Object[] key = new Object[keyColumns.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = read(rows, i + 1, keyColumns.get(i).type());
                }
                keys.add(Arrays.asList(key));
            }
        }
        return keys;
    }

    private static void bind(PreparedStatement statement, int index, Column column,
            @Nullable Object value, String table) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (column.type()) {
                case STRING -> Types.VARCHAR;
                case LONG -> Types.BIGINT;
                case DOUBLE -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
            });
            return;
        }
        boolean fits = switch (column.type()) {
            case STRING -> value instanceof String;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
        };
        if (!fits) {
            throw PlatformException.invalid("table " + table + " column " + column.name()
                    + " holds " + value.getClass().getSimpleName() + " where "
                    + column.type() + " belongs");
        }
        switch (column.type()) {
            case STRING -> statement.setString(index, (String) value);
            case LONG -> statement.setLong(index, (Long) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
        }
    }

    /**
     * Moves every identity column past the highest value stored, so that rows inserted with
     * their own values (a restore) never collide with generated ones. Runs outside a write's
     * transaction: DDL commits on most databases.
     */
    static void fixIdentities(Connection connection) throws SQLException {
        for (Found found : describe(connection)) {
            for (String identity : found.identities()) {
                String column = quote(found.sqlColumns().get(identity));
                long max;
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT MAX(" + column
                                + ") FROM " + quote(found.sqlName()))) {
                    rows.next();
                    max = rows.getLong(1);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + quote(found.sqlName()) + " ALTER COLUMN "
                            + column + " RESTART WITH " + (max + 1));
                }
            }
        }
    }
}
