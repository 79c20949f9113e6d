/**
 * Tasks and their lifecycle.
 *
 * <p>{@link io.borealis.scheduler.state.TaskTransitions} is the state machine: a table of legal
 * moves and a pure function returning the outcome and ordered effects; {@link
 * io.borealis.scheduler.state.TaskDeadlines} (moves time makes) and {@link
 * io.borealis.scheduler.state.Flapping} (the THROTTLED penalty) are its pure companions.
 * {@link io.borealis.scheduler.state.StateManager} is the only writer of tasks: it runs the
 * effects inside the caller's write (save + event, replacement tasks) and queues kills to agents
 * for after commit. {@link io.borealis.scheduler.state.JobManager} creates and kills jobs on top.
 * Pushes to agents go through {@link io.borealis.scheduler.state.AgentGateway}.
 * {@link io.borealis.scheduler.state.ScheduledTasks} is the read side for the API and pages; it
 * adds each active task's latest resource sample from the in-memory
 * {@link io.borealis.scheduler.state.TaskUsageCache}.
 */
package io.borealis.scheduler.state;
