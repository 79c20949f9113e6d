package io.borealis.agent.tasks;

import io.borealis.api.checkpoint.TaskState;

/**
 * What the agent sees of one task at one moment.
 *
 * @param checkpointState the task state replayed from the checkpoint; null before the executor
 *     recorded one
 * @param checkpointMessage the message of that state; may be null
 * @param executorAlive whether the executor process still runs
 * @param exitStatus the executor's exit status once it exited, when known (our own child);
 *     null otherwise
 * @param executorPid the executor's pid, null when unknown
 * @param killRequested whether someone asked the agent to kill the task
 * @param killMessage why; may be null
 * @param healthy whether the checkpoint says the task is healthy (true when it holds no health
 *     verdict at all); a task is reported RUNNING only once healthy
 * @param healthMessage the message of the checkpoint's latest health verdict; may be null
 */
public record Observation(
        TaskState checkpointState,
        String checkpointMessage,
        boolean executorAlive,
        Integer exitStatus,
        Long executorPid,
        boolean killRequested,
        String killMessage,
        boolean healthy,
        String healthMessage) {

    /** An observation of a task whose checkpoint holds no health verdict (healthy). */
    public Observation(TaskState checkpointState, String checkpointMessage, boolean executorAlive,
            Integer exitStatus, Long executorPid, boolean killRequested, String killMessage) {
        this(checkpointState, checkpointMessage, executorAlive, exitStatus, executorPid,
                killRequested, killMessage, true, null);
    }
}
