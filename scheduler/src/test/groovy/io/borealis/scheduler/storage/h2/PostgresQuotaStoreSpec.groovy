package io.borealis.scheduler.storage.h2

import io.borealis.scheduler.testing.PostgresServer
import io.borealis.scheduler.testing.TestStorage
import java.sql.Connection
import java.sql.DriverManager
import org.flywaydb.core.Flyway
import spock.lang.Requires

/** Every feature of {@link H2QuotaStoreSpec}, on PostgreSQL. */
@Requires({ PostgresServer.available() })
class PostgresQuotaStoreSpec extends H2QuotaStoreSpec {
    @Override
    H2Storage openFresh() {
        TestStorage.openPostgres()
    }

    @Override
    String newDurableDatabase(File dir) {
        PostgresServer.createDatabase()
    }

    @Override
    Connection connect(String url) {
        DriverManager.getConnection(url)
    }

    @Override
    void migrate(String url, String target) {
        Flyway.configure().dataSource(url, null, null)
                .locations('classpath:db/migration', 'classpath:db/vendor/postgresql')
                .target(target).load().migrate()
    }
}
