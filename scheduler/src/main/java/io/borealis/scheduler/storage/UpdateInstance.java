package io.borealis.scheduler.storage;

import org.jspecify.annotations.Nullable;

/**
 * One instance an update touches, as stored: which configurations it moves between and how far
 * it got. Immutable.
 *
 * @param fromConfig ordinal of its configuration before the update; null for an added instance
 * @param toConfig ordinal of its new configuration (0 for an update, the same as
 *     {@code fromConfig} for a restart); null for a removed instance
 * @param taskId the task being watched (WATCHING) or killed (KILLING); null otherwise
 * @param batch the batch it was started in, from 1; 0 before it starts
 * @param failures how many of its tasks failed during this update
 * @param stateSince when it entered {@code state}
 */
public record UpdateInstance(int instanceId, @Nullable Integer fromConfig,
        @Nullable Integer toConfig, State state, @Nullable TaskId taskId, int batch, int failures,
        long stateSince) {

    /** The steps of one instance. */
    public enum State {
        /** Not started (in the current direction). */
        PENDING,
        /** Its old task is being killed; the new one is inserted once it ended. */
        KILLING,
        /** Its new task must stay RUNNING for {@code watchSecs}. */
        WATCHING,
        SUCCEEDED,
        /** Failed more than {@code maxPerInstanceFailures} times. */
        FAILED,
        /** Never touched by a forward roll, so nothing to roll back. */
        SKIPPED;

        public boolean isDone() {
            return this == SUCCEEDED || this == FAILED || this == SKIPPED;
        }

        public boolean inFlight() {
            return this == KILLING || this == WATCHING;
        }
    }

    /**
     * Whether it is restarted: its task is replaced although it runs the target configuration
     * ({@code job restart}).
     */
    public boolean restart() {
        return fromConfig != null && fromConfig.equals(toConfig);
    }

    public UpdateInstance moved(State to, @Nullable TaskId task, long now) {
        return new UpdateInstance(instanceId, fromConfig, toConfig, to, task, batch, failures, now);
    }

    public UpdateInstance started(int batchNumber) {
        return new UpdateInstance(instanceId, fromConfig, toConfig, state, taskId, batchNumber,
                failures, stateSince);
    }

    public UpdateInstance failedOnce() {
        return new UpdateInstance(instanceId, fromConfig, toConfig, state, taskId, batch,
                failures + 1, stateSince);
    }

    /** Back to PENDING for the roll back, with its counts reset. */
    public UpdateInstance restarted(long now) {
        return new UpdateInstance(instanceId, fromConfig, toConfig, State.PENDING, null, 0, 0, now);
    }
}
