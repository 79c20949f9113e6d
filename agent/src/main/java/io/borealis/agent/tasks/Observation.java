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
 */
public record Observation(
        TaskState checkpointState,
        String checkpointMessage,
        boolean executorAlive,
        Integer exitStatus,
        Long executorPid,
        boolean killRequested,
        String killMessage) {}
