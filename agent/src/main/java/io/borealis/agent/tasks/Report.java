package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskStatus;

/** A status the agent is to report for a task, with its message (null when there is none). */
public record Report(TaskStatus status, String message) {
    public Report {
        requireNonNull(status, "status is null");
    }
}
