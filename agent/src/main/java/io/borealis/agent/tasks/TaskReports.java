package io.borealis.agent.tasks;

import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.TaskStatus;
import java.util.Optional;

/**
 * Decides which status to report for a task, given what was reported last and what the agent
 * observes now (docs/internals.md, "State the agent reports"):
 *
 * <pre>
 *   executor spawned, no task state yet            -> STARTING
 *   checkpoint ACTIVE / CLEANING / FINALIZING      -> RUNNING once the checkpoint says healthy
 *                                                     (or holds no health verdict), else STARTING
 *   checkpoint SUCCESS / FAILED / KILLED / LOST    -> FINISHED / FAILED / KILLED / LOST
 *   executor gone, checkpoint not terminal         -> KILLED when a kill was requested, else
 *                                                     FAILED (exit status known) or LOST
 * </pre>
 *
 * Reports only move forward (STARTING, then RUNNING, then one terminal status); nothing follows a
 * terminal status. Pure and thread-safe.
 */
public final class TaskReports {
    private TaskReports() {}

    /** The status to report now, or empty when {@code reported} already says it. */
    public static Optional<Report> decide(TaskStatus reported, Observation seen) {
        if (reported != null && reported.isTerminal()) {
            return Optional.empty();
        }
        Report target = target(seen);
        return rank(target.status()) > rank(reported) ? Optional.of(target) : Optional.empty();
    }

    /** The status users see for an executor's task state. */
    public static TaskStatus statusOf(TaskState state) {
        return switch (state) {
            case ACTIVE, CLEANING, FINALIZING -> TaskStatus.RUNNING;
            case SUCCESS -> TaskStatus.FINISHED;
            case FAILED -> TaskStatus.FAILED;
            case KILLED -> TaskStatus.KILLED;
            case LOST -> TaskStatus.LOST;
        };
    }

    private static Report target(Observation seen) {
        TaskState state = seen.checkpointState();
        if (state != null && state.isTerminal()) {
            return new Report(statusOf(state), seen.checkpointMessage());
        }
        if (!seen.executorAlive()) {
            return executorGone(seen);
        }
        if (state != null && seen.healthy()) {
            return new Report(statusOf(state), seen.checkpointMessage() != null
                    ? seen.checkpointMessage() : seen.healthMessage());
        }
        return new Report(TaskStatus.STARTING, null);
    }

    private static Report executorGone(Observation seen) {
        String exit = seen.exitStatus() != null
                ? "executor exited (status " + seen.exitStatus() + ")"
                : "executor" + (seen.executorPid() != null ? " (pid " + seen.executorPid() + ")" : "")
                        + " is gone (exit status unknown)";
        if (seen.killRequested()) {
            String why = seen.killMessage() == null || seen.killMessage().isBlank()
                    ? "killed by the agent" : seen.killMessage();
            return new Report(TaskStatus.KILLED, why + "; " + exit);
        }
        if (seen.exitStatus() != null) {
            return new Report(TaskStatus.FAILED, exit + " before the task ended");
        }
        return new Report(TaskStatus.LOST, exit + " and the task had not ended");
    }

    private static int rank(TaskStatus status) {
        if (status == null) {
            return 0;
        }
        if (status.isTerminal()) {
            return 3;
        }
        return status == TaskStatus.RUNNING ? 2 : status == TaskStatus.STARTING ? 1 : 0;
    }
}
