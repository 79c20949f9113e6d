/**
 * Running a task: the event loop that turns the process graph into runs.
 *
 * <p>{@link io.borealis.executor.runner.TaskRunner} is the entry: it checks the graph and the
 * templates, then hands over to {@code Stages} (ACTIVE, CLEANING, FINALIZING, terminal).
 * {@code Plan} decides which processes may start (order constraints, max_concurrency,
 * min_duration) and when a stage is complete or stuck; {@code ProcessRecord} applies the
 * per-process rules (max_failures, daemon, ephemeral); {@code ProcessControl} starts and stops
 * runs through a {@link io.borealis.executor.launch.Launcher} and records every transition in
 * the checkpoint. One thread does all of this; process exits and kill requests reach it as
 * {@code RunnerEvent}s on a queue.
 */
package io.borealis.executor.runner;
