package io.borealis.scheduler.state;

import io.borealis.scheduler.storage.Task;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link TaskTransitions#apply} decided.
 *
 * @param task the task after the transition (unchanged unless {@code outcome} is APPLIED)
 * @param effects what the state manager does, already in execution order
 * @param message why the move was refused, for ILLEGAL; empty otherwise
 */
public record TransitionResult(Outcome outcome, Task task, List<Effect> effects, String message) {
    public TransitionResult {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(task, "task is null");
        effects = List.copyOf(requireNonNull(effects, "effects is null"));
        requireNonNull(message, "message is null");
    }

    /** How a requested move turned out. */
    public enum Outcome {
        /** The task moved; {@code effects} starts with SAVE. */
        APPLIED,
        /** Nothing to record: a repeated or stale report. Effects may still ask for a KILL. */
        NOOP,
        /** The move is not allowed; nothing changes. */
        ILLEGAL
    }

    /** A side effect of a transition, executed by {@link StateManager} in list order. */
    public enum Effect {
        /** Store the new task state and append a task event. */
        SAVE,
        /** Tell the task's agent to kill it (after commit). */
        KILL,
        /** The task failed: its failure count went up by one (already in {@code task}). */
        INCREMENT_FAILURES,
        /** Create a replacement task for the same instance, with this one as its ancestor. */
        RESCHEDULE
    }
}
