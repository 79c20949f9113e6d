package io.borealis.scheduler.storage.h2

import io.borealis.scheduler.testing.PostgresServer
import spock.lang.Requires

/** Every feature of {@link TaskEventsSpec}, on PostgreSQL. */
@Requires({ PostgresServer.available() })
class PostgresTaskEventsSpec extends TaskEventsSpec {
    @Override
    String newDurableDatabase(File dir) {
        PostgresServer.createDatabase()
    }
}
