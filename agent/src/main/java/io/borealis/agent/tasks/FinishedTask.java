package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

/**
 * A task that is terminal in the agent's view and whose executor is gone, as the collector sees
 * it.
 *
 * @param endedMillis when the task ended (epoch millis): when the agent reported its terminal
 *     status, or for tasks ended before that was recorded, the checkpoint's last timestamp
 * @param acked whether the scheduler has acked the terminal update
 */
public record FinishedTask(String taskId, long endedMillis, boolean acked) {
    public FinishedTask {
        requireNonNull(taskId, "taskId is null");
    }
}
