package io.borealis.scheduler.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole stored state as plain tables of typed values: what backups copy and restore. Every
 * table of the schema is included (schema bookkeeping such as migration history aside), found
 * from the database's own catalogue, so a table added by a later migration is copied without
 * any change here. Values are storage-neutral ({@link Type}): a copy taken from one SQL storage
 * can be loaded into another of the same schema version.
 *
 * <p>Thread-safe; each method documents what it blocks.
 */
public interface StateTables {
    /** The schema version of this storage (the last migration applied), e.g. {@code "4"}. */
    String schemaVersion();

    /** The names of every table a copy holds, lower case, parents before children. */
    List<String> tableNames();

    /**
     * Opens a reader over every table as of one instant: one read transaction (an MVCC
     * snapshot), so writes go on meanwhile and none of them is half seen. The caller closes it.
     */
    Reader snapshot();

    /**
     * Replaces the stored state by {@code source}'s, in one write transaction: each table ends
     * holding exactly {@code source}'s rows (only the rows that differ need be written), except
     * the tables in {@code mergedTables}, whose rows are kept and to which only the rows of
     * {@code source} with a key they lack are added. Rows in key order are compared fastest
     * (a {@link #snapshot} gives them so). Writes wait
     * meanwhile; reads go on and see the old state until the commit. In-memory views are
     * rebuilt from the new state before the write lock is released. If anything fails
     * (a table or column that does not match, a constraint), nothing changes.
     *
     * @throws io.borealis.scheduler.error.PlatformException naming the mismatch or failure
     */
    void replace(Reader source, Set<String> mergedTables);

    /** Writes everything committed to the storage's files now (a checkpoint). */
    void checkpoint();

    /** A column's portable value type. */
    enum Type {
        /** Text of any length ({@link String}). */
        STRING,
        /** A whole number ({@link Long}). */
        LONG,
        /** A floating-point number ({@link Double}). */
        DOUBLE,
        /** {@link Boolean}. */
        BOOLEAN
    }

    /** A column: its name (lower case) and type. */
    record Column(String name, Type type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** A table: its name (lower case) and its columns in order. */
    record Table(String name, List<Column> columns) {
        public Table {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }
    }

    /**
     * Tables one after another, and each table's rows one after another, as stored: each value
     * is {@code null} or of its column's {@link Type}. Single-threaded.
     */
    interface Reader extends AutoCloseable {
        /** The schema version the tables belong to. */
        String schemaVersion();

        /** The next table, once the rows of the previous one are read; empty at the end. */
        Optional<Table> nextTable();

        /** The next row of the current table, or null when the table has no more rows. */
        @Nullable Object @Nullable [] nextRow();

        @Override
        void close();
    }
}
