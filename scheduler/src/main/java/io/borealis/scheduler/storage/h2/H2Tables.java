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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The tables of a database as {@link StateTables} sees them, with plain JDBC and the standard
 * catalogue ({@link DatabaseMetaData}), nothing H2-only: every table of the connection's schema
 * but Flyway's history, parents (by foreign key) before children; reading them in one snapshot,
 * loading them into a new database, and replacing them in one transaction that writes only the
 * rows that differ.
 */
final class H2Tables {
    /** Flyway's bookkeeping: a migration fact of the database, not scheduler state. */
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** The write epoch (fencing): a fact of who leads, not state a backup restores. */
    static final String EPOCH_TABLE = "leader_epoch";
    private static final int BATCH = 1_000;
    /** Rows per transaction when loading an empty database ({@link #load}). */
    private static final int CHUNK = 5_000;

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
                        && !HISTORY_TABLE.equalsIgnoreCase(name)
                        && !EPOCH_TABLE.equalsIgnoreCase(name)) {
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

    /** What a replace did to one table: rows inserted, updated, deleted, and left as they were. */
    record Changes(long inserted, long updated, long deleted, long unchanged) {
        @Override
        public String toString() {
            return "+" + inserted + " ~" + updated + " -" + deleted + " =" + unchanged;
        }
    }

    /**
     * Fills the tables on {@code connection}, which must all be empty (a new database), with
     * {@code source}'s rows, committing every {@value #CHUNK} rows: a transaction of hundreds of
     * thousands of rows is several times slower in H2 (its undo log grows, and the commit walks it
     * again), and a database being loaded has no reader to keep consistent. The caller drops the
     * database if this fails.
     *
     * @throws PlatformException when {@code source}'s tables or columns differ from the schema's
     */
    static Map<String, Changes> load(Connection connection, StateTables.Reader source)
            throws SQLException {
        return copy(connection, null, source, Set.of());
    }

    /**
     * Makes the tables on {@code connection} (in the caller's transaction, which this does not
     * commit) hold {@code source}'s rows, writing only the rows that differ: each table's rows
     * are compared with {@code current}'s, both in key order, and rows only {@code source} has
     * are inserted, rows whose values differ updated, and rows only {@code current} has deleted
     * (children before parents, after every insert). The tables in {@code merged} keep their
     * rows and gain only those of {@code source} whose key they lack.
     *
     * <p>{@code current} is another connection to the same database, outside the caller's
     * transaction: it reads the state as it was before this replace, provided nothing else
     * commits meanwhile (the caller holds the write lock). Rows come in key order from both a
     * snapshot and a backup file, so the comparison is one pass; a source row out of order is
     * still matched (with the current rows passed over, which are kept by key until the end),
     * only at the cost of that memory.
     *
     * @throws PlatformException when {@code source}'s tables or columns differ from the schema's
     */
    static Map<String, Changes> replace(Connection connection, Connection current,
            StateTables.Reader source, Set<String> merged) throws SQLException {
        return copy(connection, requireNonNull(current, "current is null"), source, merged);
    }

    private static Map<String, Changes> copy(Connection connection, @Nullable Connection current,
            StateTables.Reader source, Set<String> merged) throws SQLException {
        List<Found> target = describe(connection);
        Map<String, Found> byName = new LinkedHashMap<>();
        target.forEach(found -> byName.put(found.table().name(), found));
        for (String name : merged) {
            if (!byName.containsKey(name)) {
                throw new PlatformException(ErrorCode.INTERNAL, "no table " + name + " to merge");
            }
        }
        Map<String, Changes> changes = new LinkedHashMap<>();
        Map<String, TableCopy> copies = new HashMap<>();
        Optional<Table> table;
        while ((table = source.nextTable()).isPresent()) {
            Table from = table.get();
            Found found = byName.get(from.name());
            if (found == null) {
                throw PlatformException.invalid("the backup has a table " + from.name()
                        + " that schema version " + source.schemaVersion() + " does not have");
            }
            if (copies.containsKey(from.name())) {
                throw PlatformException.invalid("the backup has table " + from.name() + " twice");
            }
            checkColumns(from, found.table());
            TableCopy copy = new TableCopy(connection, from, found, merged.contains(from.name()));
            copies.put(from.name(), copy);
            if (current == null) {
                copy.insertAll(source);
            } else {
                copy.compare(source, current);
            }
        }
        Set<String> missing = new TreeSet<>(byName.keySet());
        missing.removeAll(copies.keySet());
        if (!missing.isEmpty()) {
            throw PlatformException.invalid("the backup lacks table(s) " + missing
                    + " of schema version " + source.schemaVersion());
        }
        for (int i = target.size() - 1; i >= 0; i--) {
            copies.get(target.get(i).table().name()).deleteStale();
        }
        for (Found found : target) {
            changes.put(found.table().name(), copies.get(found.table().name()).changes());
        }
        return changes;
    }

    private static void checkColumns(Table from, Table to) {
        if (!Set.copyOf(from.columns()).equals(Set.copyOf(to.columns()))) {
            throw PlatformException.invalid("table " + from.name() + " has columns "
                    + from.columns() + " in the backup but " + to.columns() + " in the schema");
        }
    }

    /**
     * One table being copied: its statements (batched), the keys of its rows to delete at the
     * end, and what was done.
     */
    private static final class TableCopy {
        private final Connection connection;
        private final Table from;
        private final Found found;
        private final boolean merge;
        /** Indexes into {@code from}'s columns: the key's, then the others'. */
        private final int[] keyIndexes;
        private final int[] valueIndexes;
        /**
         * The current rows passed over without a match, by key (with only their key's values):
         * deleted at the end, or, if the source has their key after all (out of order), updated.
         */
        private final Map<List<Object>, Object[]> unmatched = new LinkedHashMap<>();
        private long inserted;
        private long updated;
        private long deleted;
        private long unchanged;

        TableCopy(Connection connection, Table from, Found found, boolean merge) {
            this.connection = connection;
            this.from = from;
            this.found = found;
            this.merge = merge;
            this.keyIndexes = found.primaryKey().stream().mapToInt(key -> indexOf(from, key))
                    .toArray();
            Set<Integer> keys = new HashSet<>();
            Arrays.stream(keyIndexes).forEach(keys::add);
            this.valueIndexes = IntStream.range(0, from.columns().size())
                    .filter(i -> !keys.contains(i)).toArray();
        }

        Changes changes() {
            return new Changes(inserted, updated, deleted, unchanged);
        }

        /** Inserts every row of {@code source}'s table, committing every {@value #CHUNK}. */
        void insertAll(StateTables.Reader source) throws SQLException {
            int[] all = IntStream.range(0, from.columns().size()).toArray();
            try (Batch insert = new Batch(connection.prepareStatement(insertSql()))) {
                Object[] row;
                while ((row = nextRow(source)) != null) {
                    insert.add(row, all);
                    if (++inserted % CHUNK == 0) {
                        insert.flush();
                        connection.commit();
                    }
                }
                insert.flush();
                connection.commit();
            }
        }

        /**
         * Compares {@code source}'s rows with {@code current}'s, both in key order: inserts and
         * updates now, deletes later ({@link #deleteStale}). A table without a primary key is
         * emptied and filled again.
         */
        void compare(StateTables.Reader source, Connection current) throws SQLException {
            int[] all = IntStream.range(0, from.columns().size()).toArray();
            if (keyIndexes.length == 0) {
                try (Statement statement = connection.createStatement()) {
                    deleted += statement.executeUpdate("DELETE FROM " + quote(found.sqlName()));
                }
                try (Batch insert = new Batch(connection.prepareStatement(insertSql()))) {
                    Object[] row;
                    while ((row = nextRow(source)) != null) {
                        insert.add(row, all);
                        inserted++;
                    }
                }
                return;
            }
            int[] updateOrder = IntStream.concat(Arrays.stream(valueIndexes),
                    Arrays.stream(keyIndexes)).toArray();
            try (PreparedStatement select = current.prepareStatement("SELECT "
                    + columnList(found, from.columns()) + " FROM " + quote(found.sqlName())
                    + " ORDER BY " + columnList(found, key()));
                    Batch insert = new Batch(connection.prepareStatement(insertSql()));
                    Batch update = merge || valueIndexes.length == 0 ? null
                            : new Batch(connection.prepareStatement(updateSql()))) {
                select.setFetchSize(BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    Object[] have = readRow(rows, null);
                    Object[] want = nextRow(source);
                    while (want != null) {
                        int order = have == null ? 1 : compareKeys(have, want);
                        if (order < 0) {
                            unmatched.put(keyList(have), keyOf(have));
                            have = readRow(rows, have);
                        } else if (order > 0) {
                            if (unmatched.isEmpty() || unmatched.remove(keyList(want)) == null) {
                                insert.add(want, all);
                                inserted++;
                            } else if (update == null) {
                                unchanged++;
                            } else {
                                update.add(want, updateOrder);
                                updated++;
                            }
                            want = nextRow(source);
                        } else {
                            if (update == null || sameValues(have, want)) {
                                unchanged++;
                            } else {
                                update.add(want, updateOrder);
                                updated++;
                            }
                            have = readRow(rows, have);
                            want = nextRow(source);
                        }
                    }
                    while (have != null) {
                        unmatched.put(keyList(have), keyOf(have));
                        have = readRow(rows, have);
                    }
                }
            }
        }

        /** Deletes the rows {@link #compare} found only in the current state (unless merged). */
        void deleteStale() throws SQLException {
            if (merge || unmatched.isEmpty()) {
                return;
            }
            String where = key().stream().map(c -> quote(found.sqlColumns().get(c.name()))
                    + " = ?").collect(Collectors.joining(" AND "));
            try (Batch delete = new Batch(connection.prepareStatement("DELETE FROM "
                    + quote(found.sqlName()) + " WHERE " + where))) {
                for (Object[] key : unmatched.values()) {
                    delete.add(key, keyIndexes);
                    deleted++;
                }
            }
            unmatched.clear();
        }

        private List<Column> key() {
            return Arrays.stream(keyIndexes).mapToObj(i -> from.columns().get(i)).toList();
        }

        private String insertSql() {
            return "INSERT INTO " + quote(found.sqlName()) + " ("
                    + columnList(found, from.columns()) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(from.columns().size(), "?"))
                    + ")";
        }

        private String updateSql() {
            return "UPDATE " + quote(found.sqlName()) + " SET "
                    + Arrays.stream(valueIndexes).mapToObj(i -> quote(found.sqlColumns()
                            .get(from.columns().get(i).name())) + " = ?")
                            .collect(Collectors.joining(", "))
                    + " WHERE " + Arrays.stream(keyIndexes).mapToObj(i -> quote(found
                            .sqlColumns().get(from.columns().get(i).name())) + " = ?")
                            .collect(Collectors.joining(" AND "));
        }

        /** The next row of {@code source}, checked against the table's columns. */
        private @Nullable Object @Nullable [] nextRow(StateTables.Reader source) {
            Object[] row = source.nextRow();
            if (row == null) {
                return null;
            }
            if (row.length != from.columns().size()) {
                throw PlatformException.invalid("a row of table " + from.name() + " has "
                        + row.length + " values for " + from.columns().size() + " columns");
            }
            for (int i = 0; i < row.length; i++) {
                Column column = from.columns().get(i);
                if (row[i] != null && !fits(column.type(), row[i])) {
                    throw PlatformException.invalid("table " + from.name() + " column "
                            + column.name() + " holds " + row[i].getClass().getSimpleName()
                            + " where " + column.type() + " belongs");
                }
            }
            return row;
        }

        /**
         * The next current row, which must come after {@code previous}: the comparison relies
         * on the database ordering keys as {@link #compareValues} does.
         */
        private @Nullable Object @Nullable [] readRow(ResultSet rows,
                @Nullable Object @Nullable [] previous)
                throws SQLException {
            if (!rows.next()) {
                return null;
            }
            Object[] row = new Object[from.columns().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = read(rows, i + 1, from.columns().get(i).type());
            }
            if (previous != null && compareKeys(previous, row) >= 0) {
                throw new PlatformException(ErrorCode.INTERNAL, "the database orders the keys "
                        + "of table " + from.name() + " otherwise than the copy expects: "
                        + keyList(previous) + " before " + keyList(row));
            }
            return row;
        }

        private List<Object> keyList(Object[] row) {
            Object[] key = new Object[keyIndexes.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row[keyIndexes[i]];
            }
            return Arrays.asList(key);
        }

        /** {@code row} with only its key's values: what a delete needs, kept until the end. */
        private Object[] keyOf(Object[] row) {
            Object[] key = new Object[row.length];
            for (int index : keyIndexes) {
                key[index] = row[index];
            }
            return key;
        }

        private int compareKeys(Object[] a, Object[] b) {
            for (int index : keyIndexes) {
                int order = compareValues(a[index], b[index]);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }

        private boolean sameValues(Object[] a, Object[] b) {
            for (int index : valueIndexes) {
                if (!Objects.equals(a[index], b[index])) {
                    return false;
                }
            }
            return true;
        }

        /** Statements added in batches of {@value #BATCH}, flushed when closed. */
        private final class Batch implements AutoCloseable {
            private final PreparedStatement statement;
            private int pending;

            Batch(PreparedStatement statement) {
                this.statement = statement;
            }

            /** Binds {@code row}'s values in the order of {@code indexes} and adds them. */
            void add(Object[] row, int[] indexes) throws SQLException {
                for (int i = 0; i < indexes.length; i++) {
                    bind(statement, i + 1, from.columns().get(indexes[i]), row[indexes[i]]);
                }
                statement.addBatch();
                if (++pending == BATCH) {
                    flush();
                }
            }

            void flush() throws SQLException {
                if (pending > 0) {
                    statement.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void close() throws SQLException {
                try (statement) {
                    flush();
                }
            }
        }
    }

    /** Orders key values as SQL orders them: nulls first, strings by UTF-16 code units. */
    @SuppressWarnings("unchecked")
    private static int compareValues(@Nullable Object a, @Nullable Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static boolean fits(Type type, Object value) {
        return switch (type) {
            case STRING -> value instanceof String;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
        };
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

    private static void bind(PreparedStatement statement, int index, Column column,
            @Nullable Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (column.type()) {
                case STRING -> Types.VARCHAR;
                case LONG -> Types.BIGINT;
                case DOUBLE -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
            });
            return;
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
