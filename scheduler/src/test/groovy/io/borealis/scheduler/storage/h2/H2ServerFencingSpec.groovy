package io.borealis.scheduler.storage.h2

import java.nio.file.Files
import java.nio.file.Path
import org.h2.tools.Server

/**
 * Every feature of {@link FencingSpec} on an H2 server ({@code jdbc:h2:tcp:}), as replicas
 * would share one without PostgreSQL: no embedded internals are used over TCP.
 */
class H2ServerFencingSpec extends FencingSpec {
    static Path dir = Files.createTempDirectory('h2-server')
    static Server server = Server.createTcpServer('-tcpPort', '0', '-ifNotExists', '-baseDir',
            dir.toString()).start()
    static int databases

    def cleanupSpec() {
        server.stop()
        dir.toFile().deleteDir()
    }

    @Override
    String newSharedDatabase() {
        "jdbc:h2:tcp://localhost:${server.port}/fencing-${++databases}"
    }
}
