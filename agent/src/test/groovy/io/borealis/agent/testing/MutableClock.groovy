package io.borealis.agent.testing

import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset
import java.util.concurrent.atomic.AtomicLong

/** A clock that stands still until the test moves it; thread-safe. Starts at the real time. */
class MutableClock extends Clock {
    private final AtomicLong millis = new AtomicLong(System.currentTimeMillis())

    void advance(Duration duration) {
        millis.addAndGet(duration.toMillis())
    }

    @Override
    ZoneId getZone() { ZoneOffset.UTC }

    @Override
    Clock withZone(ZoneId zone) { this }

    @Override
    long millis() { millis.get() }

    @Override
    Instant instant() { Instant.ofEpochMilli(millis()) }
}
