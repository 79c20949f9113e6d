package io.borealis.scheduler.storage.h2;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What differs between the databases the storage runs on, chosen by JDBC URL: embedded H2 (the
 * default, one scheduler) and PostgreSQL (shared by scheduler replicas). Everything else is the
 * same plain JDBC and the same migrations.
 *
 * <p>On H2 the storage also tunes the database and makes writes durable by {@link GroupCommit},
 * both through H2's embedded internals; PostgreSQL's commit is durable by itself. Backups read
 * and replace tables through H2's catalogue ({@link H2Tables}) and are H2's only.
 */
enum Dialect {
    H2("h2") {
        @Override
        String upsert(String table, String columns, String key) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES ("
                    + placeholders(columns) + ")";
        }
    },
    POSTGRESQL("postgresql") {
        @Override
        String upsert(String table, String columns, String key) {
            List<String> keys = split(key);
            String updates = split(columns).stream().filter(c -> !keys.contains(c))
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + placeholders(columns) + ") ON CONFLICT (" + key + ") DO "
                    + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
        }
    };

    /** Flyway's name for the database: vendor-only migrations live in db/vendor/NAME. */
    final String flywayName;

    Dialect(String flywayName) {
        this.flywayName = flywayName;
    }

    /**
     * The dialect of {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException for a database the storage does not run on
     */
    static Dialect of(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("the database URL " + jdbcUrl.split("\\?")[0]
                + " is neither jdbc:h2: nor jdbc:postgresql:");
    }

    /**
     * An insert of one row of {@code columns} (comma-separated, bound in that order) that replaces
     * the row with the same {@code key} columns if there is one.
     */
    abstract String upsert(String table, String columns, String key);

    private static String placeholders(String columns) {
        return split(columns).stream().map(c -> "?").collect(Collectors.joining(", "));
    }

    private static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }
}
