package io.borealis.scheduler.storage;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A task's identity: {@code {epochMillis}-{role}-{environment}-{name}-{instance}-{8 hex chars}}
 * for the ids this scheduler makes (docs/internals.md). Any non-blank string without whitespace
 * is accepted when read back, so that ids from older writers stay readable.
 */
public record TaskId(String value) implements Comparable<TaskId> {
    public TaskId {
        requireNonNull(value, "value is null");
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("task id '" + value + "' is blank or has whitespace");
        }
    }

    /** A new, unique id for instance {@code instanceId} of {@code job}. Thread-safe. */
    public static TaskId next(Clock clock, JobKey job, int instanceId) {
        // MILLIS-ROLE-ENV-NAME-INSTANCE-8 hex digits, built without String.format (a thousand
        // new tasks a second during a large update: format's parsing showed in profiles).
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt());
        StringBuilder id = new StringBuilder(48).append(clock.millis()).append('-')
                .append(job.role()).append('-').append(job.environment()).append('-')
                .append(job.name()).append('-').append(instanceId).append('-');
        for (int pad = suffix.length(); pad < 8; pad++) {
            id.append('0');
        }
        return new TaskId(id.append(suffix).toString());
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
