package io.borealis.agent.outbox;

import java.time.Duration;

/**
 * Exponential backoff between retries: {@code initial}, doubling up to {@code max}, back to
 * {@code initial} after {@link #reset}. Not thread-safe: one instance per retrying thread.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next retry; each call doubles the one after, up to the maximum. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** Called after a success: the next failure waits {@code initial} again. */
    public void reset() {
        next = initial;
    }
}
