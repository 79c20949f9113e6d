package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ScheduledTask;

/**
 * A task as the scheduler reports it, with the instance it runs (carried by the Thrift
 * {@code AssignedTask.instanceId}, which the model record does not hold).
 */
public record InstanceTask(int instance, ScheduledTask task) {
    public InstanceTask {
        requireNonNull(task, "task is null");
    }
}
