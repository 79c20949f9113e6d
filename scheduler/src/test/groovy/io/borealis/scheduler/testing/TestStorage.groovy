package io.borealis.scheduler.testing

import io.borealis.scheduler.storage.h2.H2Storage
import java.time.Clock
import java.util.concurrent.atomic.AtomicInteger

/** Opens a fresh in-memory H2 storage per call. */
final class TestStorage {
    private static final AtomicInteger COUNT = new AtomicInteger()

    static H2Storage open(Clock clock = Clock.systemUTC()) {
        H2Storage.open("jdbc:h2:mem:test-${COUNT.incrementAndGet()};DB_CLOSE_DELAY=-1", clock)
    }
}
