package io.borealis.scheduler.storage;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One line of an update's history.
 *
 * @param instanceId the instance it is about; null for the update's own status changes
 * @param status the update's status, or the instance's state, it records
 */
public record UpdateEvent(long timestamp, @Nullable Integer instanceId, String status,
        String message) {
    public UpdateEvent {
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
    }
}
