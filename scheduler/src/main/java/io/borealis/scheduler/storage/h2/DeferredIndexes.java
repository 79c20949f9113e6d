package io.borealis.scheduler.storage.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secondary indexes and foreign keys of an empty H2 database, dropped while it is bulk
 * loaded and built again afterwards ({@link #restore}). Loading 100,000 tasks with 300,000 events
 * spent most of its time inserting each row into every index in turn (a random walk down six
 * B-trees per task); built at the end, an index is one sort of the finished table, and a foreign
 * key one check of all its rows at once instead of a lookup per row.
 *
 * <p>The statements come from H2's own {@code SCRIPT NODATA}, so whatever the migrations made is
 * made again exactly. Primary keys stay: rows arrive in key order, and they are what a load
 * would collide on. Foreign keys come back as the script has them, {@code NOCHECK}: checking
 * 400,000 rows one by one took a third of the rebuild, and the database being loaded is a
 * staging copy whose rows reach the live state only through the live database's own checked
 * foreign keys, which refuse a row without its parent there.
 */
final class DeferredIndexes {
    /** {@code CREATE [UNIQUE] INDEX "S"."NAME" ON ...}. */
    private static final Pattern INDEX =
            Pattern.compile("CREATE (?:UNIQUE )?INDEX (\"[^\"]+\"\\.\"[^\"]+\") ON .*");
    /** {@code ALTER TABLE "S"."T" ADD CONSTRAINT "S"."NAME" FOREIGN KEY(...) ... NOCHECK}. */
    private static final Pattern FOREIGN_KEY = Pattern.compile("ALTER TABLE (\"[^\"]+\"\\.\"[^\"]+\")"
            + " ADD CONSTRAINT (\"[^\"]+\"\\.\"[^\"]+\") FOREIGN KEY.*");

    private final List<String> creates;

    private DeferredIndexes(List<String> creates) {
        this.creates = List.copyOf(creates);
    }

    /** Drops the secondary indexes and foreign keys of {@code connection}'s database. */
    static DeferredIndexes drop(Connection connection) throws SQLException {
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet script = statement.executeQuery("SCRIPT NODATA")) {
            while (script.next()) {
                String line = script.getString(1).strip();
                String sql = line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
                Matcher index = INDEX.matcher(sql);
                Matcher foreignKey = FOREIGN_KEY.matcher(sql);
                if (index.matches()) {
                    indexes.add(sql);
                    drops.add("DROP INDEX " + index.group(1));
                } else if (foreignKey.matches()) {
                    foreignKeys.add(sql);
                    // Foreign keys go first: one may lean on an index dropped after it.
                    drops.add(0, "ALTER TABLE " + foreignKey.group(1) + " DROP CONSTRAINT "
                            + foreignKey.group(2));
                }
            }
        }
        execute(connection, drops);
        List<String> creates = new ArrayList<>(indexes);
        creates.addAll(foreignKeys);
        return new DeferredIndexes(creates);
    }

    /** Builds the dropped indexes and foreign keys again. */
    void restore(Connection connection) throws SQLException {
        execute(connection, creates);
    }

    private static void execute(Connection connection, List<String> statements)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
