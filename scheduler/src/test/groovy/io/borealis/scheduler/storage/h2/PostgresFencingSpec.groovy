package io.borealis.scheduler.storage.h2

import io.borealis.scheduler.storage.StoreProvider
import io.borealis.scheduler.testing.PostgresServer
import spock.lang.Requires

/** Every feature of {@link FencingSpec}, on PostgreSQL: two storages on one database. */
@Requires({ PostgresServer.available() })
class PostgresFencingSpec extends FencingSpec {
    @Override
    String newSharedDatabase() {
        PostgresServer.createDatabase()
    }

    @Override
    int sessionsWaitingForALock(StoreProvider store) {
        countOf(store, "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + 'AND datname = current_database()')
    }
}
