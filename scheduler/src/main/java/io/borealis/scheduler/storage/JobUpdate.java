package io.borealis.scheduler.storage;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.JobUpdateStatus;
import io.borealis.api.model.UpdateSettings;

/**
 * The stored record of one rolling update of a job. Immutable; a change is a new record saved.
 *
 * @param user who started it
 * @param message what the user said when starting it (may be empty)
 * @param statusMessage why it is in its status, e.g. which instance failed and how
 * @param instancesBefore the job's active instances when it started
 * @param instancesAfter the instance count of the new configuration
 * @param lastPulseAt when it was last pulsed; 0 when never (an update with
 *     {@code pulseIntervalSecs} waits for its first pulse)
 */
public record JobUpdate(
        String id,
        JobKey job,
        String user,
        String message,
        JobUpdateStatus status,
        String statusMessage,
        UpdateSettings settings,
        int instancesBefore,
        int instancesAfter,
        long createdAt,
        long updatedAt,
        long lastPulseAt) {
    public JobUpdate {
        requireNonNull(id, "id is null");
        requireNonNull(job, "job is null");
        requireNonNull(user, "user is null");
        requireNonNull(message, "message is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusMessage, "statusMessage is null");
        requireNonNull(settings, "settings is null");
    }

    public JobUpdate withStatus(JobUpdateStatus newStatus, String why, long now) {
        return new JobUpdate(id, job, user, message, newStatus, why, settings, instancesBefore,
                instancesAfter, createdAt, now, lastPulseAt);
    }

    public JobUpdate withPulse(long now) {
        return new JobUpdate(id, job, user, message, status, statusMessage, settings,
                instancesBefore, instancesAfter, createdAt, now, now);
    }
}
