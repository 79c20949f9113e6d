package io.borealis.scheduler.testing

import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset

/** A clock tests move by hand, so that no test sleeps. */
final class MutableClock extends Clock {
    private volatile Instant now

    MutableClock(Instant start = Instant.parse('2026-01-01T00:00:00Z')) {
        this.now = start
    }

    void advance(Duration duration) {
        now = now.plus(duration)
    }

    @Override
    ZoneId getZone() { ZoneOffset.UTC }

    @Override
    Clock withZone(ZoneId zone) { this }

    @Override
    Instant instant() { now }
}
