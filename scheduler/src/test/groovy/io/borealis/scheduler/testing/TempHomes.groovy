package io.borealis.scheduler.testing

import java.nio.file.Path

/** A spec's temporary scheduler home, removed without leaving anything behind in /tmp. */
final class TempHomes {
    private TempHomes() {}

    /**
     * Closes what has {@code home} open, then deletes it. The order matters: H2 writes its files
     * (and a trace file on errors) as it closes, so a directory deleted first comes back and
     * stays in /tmp after the run. Closing is idempotent for the scheduler, so Spock's
     * {@code @AutoCleanup} closing it again later does nothing.
     */
    static void delete(Path home, AutoCloseable... users) {
        users.findAll { it != null }.each { it.close() }
        home.toFile().deleteDir()
    }
}
