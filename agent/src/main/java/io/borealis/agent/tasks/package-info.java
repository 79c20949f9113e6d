/**
 * The tasks on this host: launching executors, watching them, killing them, recovering them.
 *
 * <p>{@link io.borealis.agent.tasks.TaskManager} holds every task the agent knows and is the only
 * writer of their state. {@link io.borealis.agent.tasks.TaskLauncher} lays out a task's directory
 * and spawns its executor in a new session; {@link io.borealis.agent.tasks.ExecutorProcess} and
 * {@link io.borealis.agent.tasks.HostProcesses} probe and signal processes through
 * {@code ProcessHandle} and {@code /proc}. Each tick of the monitor replays changed checkpoints
 * into an {@link io.borealis.agent.tasks.Observation}; {@link io.borealis.agent.tasks.TaskReports}
 * decides, as a pure function, which status to report next. The last reported status of each task
 * is persisted in its {@code agent.json} ({@link io.borealis.agent.tasks.TaskRecord}), so that a
 * restarted agent neither repeats nor skips a report. {@link io.borealis.agent.tasks.TaskCollector}
 * removes finished task directories per the {@link io.borealis.agent.tasks.GcPolicy}.
 */
package io.borealis.agent.tasks;
