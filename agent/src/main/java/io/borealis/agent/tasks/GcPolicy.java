package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When finished task directories are removed (the agent's {@code --gc-delay} and
 * {@code --gc-max-finished}, after Mesos' {@code --gc_delay}).
 *
 * @param delay how long a task's directory stays after the task ended
 * @param maxFinished how many finished task directories are kept at most; beyond that the
 *     oldest go first, even before their delay
 * @param interval how often the collector looks, besides once at start
 */
public record GcPolicy(Duration delay, int maxFinished, Duration interval) {
    public static final GcPolicy DEFAULT =
            new GcPolicy(Duration.ofDays(7), 100, Duration.ofMinutes(1));

    public GcPolicy {
        requireNonNull(delay, "delay is null");
        requireNonNull(interval, "interval is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + delay);
        }
        if (maxFinished < 0) {
            throw new IllegalArgumentException("maxFinished is negative: " + maxFinished);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval is not positive: " + interval);
        }
    }
}
