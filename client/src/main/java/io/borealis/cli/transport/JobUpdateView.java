package io.borealis.cli.transport;

import io.borealis.api.thrift.JobUpdateDetails;
import io.borealis.api.thrift.JobUpdateSummary;
import java.util.List;

/**
 * A rolling update as the client shows it (the JSON of {@code update info --write-json},
 * spec/cli.md). Times in epoch milliseconds.
 *
 * @param instances empty for a summary
 * @param events empty for a summary
 */
public record JobUpdateView(String job, String id, String status, String statusMessage,
        String user, String message, long started, long lastModified,
        List<Instance> instances, List<Event> events) {

    /**
     * One instance the update touches: its step (PENDING ... SUCCEEDED, FAILED, SKIPPED) and the
     * batch it was started in (from 1; 0 before it starts).
     */
    public record Instance(int instance, String state, int failures, String taskId, int batch) {}

    /** One line of its history; instance null for the update's own status changes. */
    public record Event(long timestamp, Integer instance, String status, String message) {}

    /** Whether the update has ended (its status is none of the active ones). */
    public boolean ended() {
        return !(status.startsWith("ROLLING_") || status.contains("PAUSED")
                || status.contains("AWAITING_PULSE"));
    }

    static JobUpdateView of(JobUpdateSummary summary) {
        return of(summary, List.of(), List.of());
    }

    static JobUpdateView of(JobUpdateDetails details) {
        return of(details.getSummary(),
                details.getInstances().stream().map(i -> new Instance(i.getInstanceId(),
                        i.getState(), i.getFailures(), i.getTaskId(), i.getBatch())).toList(),
                details.getEvents().stream().map(e -> new Event(e.getTimestamp(),
                        e.isSetInstanceId() ? e.getInstanceId() : null, e.getStatus(),
                        e.getMessage())).toList());
    }

    private static JobUpdateView of(JobUpdateSummary s, List<Instance> instances,
            List<Event> events) {
        return new JobUpdateView(s.getJob().getRole() + "/" + s.getJob().getEnvironment() + "/"
                + s.getJob().getName(), s.getId(), s.getStatus().name(), s.getStatusMessage(),
                s.getUser(), s.getMessage(), s.getCreatedAt(), s.getLastModifiedAt(), instances,
                events);
    }
}
