package io.borealis.scheduler.app;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the scheduler keeps its state: embedded H2 in {@code HOME/db} (the default: one
 * scheduler, nothing to install), or a database server scheduler replicas share
 * ({@code --db-url jdbc:postgresql://HOST:PORT/DB?user=USER}).
 *
 * @param url the JDBC URL; null for embedded H2 in {@code HOME/db}
 * @param passwordFile a file whose first line is the database password; null for none (or the
 *     URL's {@code password=}). A file rather than a flag keeps it out of process listings.
 */
public record Database(@Nullable String url, @Nullable Path passwordFile) {
    /** Embedded H2 in {@code HOME/db}. */
    public static final Database EMBEDDED = new Database(null, null);

    public Database {
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("database URL '" + url.split("\\?")[0]
                    + "' is not a PostgreSQL (jdbc:postgresql://HOST:PORT/DB) or H2 JDBC URL");
        }
        if (url == null && passwordFile != null) {
            throw new IllegalArgumentException(
                    "a database password file needs --db-url: embedded H2 has no password");
        }
    }

    /** Whether this is embedded H2 in {@code HOME/db}. */
    public boolean embedded() {
        return url == null;
    }

    /** Never the password: this record is logged with the configuration. */
    @Override
    public String toString() {
        return embedded() ? "embedded H2" : url.split("\\?")[0];
    }
}
