package io.borealis.scheduler.storage.h2

import io.borealis.scheduler.testing.PostgresServer
import io.borealis.scheduler.testing.TestStorage
import spock.lang.Requires

/** Every feature of {@link H2StorageSpec}, on PostgreSQL. */
@Requires({ PostgresServer.available() })
class PostgresStorageSpec extends H2StorageSpec {
    @Override
    H2Storage openFresh() {
        TestStorage.openPostgres()
    }

    @Override
    String newDurableDatabase(File dir) {
        PostgresServer.createDatabase()
    }
}
