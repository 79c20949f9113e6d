package io.borealis.scheduler.testing

import io.borealis.scheduler.storage.h2.H2Storage
import java.time.Clock
import java.util.concurrent.atomic.AtomicInteger

/**
 * Opens a fresh storage per call: in-memory H2, or a new database on this JVM's
 * {@link PostgresServer}. {@code -Dborealis.test.database=postgresql} makes {@link #open} use
 * PostgreSQL too, to run any spec on it ({@code mvn test -Dborealis.test.database=postgresql}).
 */
final class TestStorage {
    private static final AtomicInteger COUNT = new AtomicInteger()

    static H2Storage open(Clock clock = Clock.systemUTC()) {
        if (System.getProperty('borealis.test.database') == 'postgresql') {
            return openPostgres(clock)
        }
        H2Storage.open("jdbc:h2:mem:test-${COUNT.incrementAndGet()};DB_CLOSE_DELAY=-1", clock)
    }

    static H2Storage openPostgres(Clock clock = Clock.systemUTC()) {
        H2Storage.open(PostgresServer.createDatabase(), clock)
    }
}
