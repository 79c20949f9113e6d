/**
 * The executor program: {@code ExecutorMain TASK_ROOT}.
 *
 * <p>{@link io.borealis.executor.app.ExecutorMain} wires the pieces with {@code new}: it reads
 * {@code TASK_ROOT/task.json} through {@link io.borealis.executor.app.TaskFile}, builds a
 * {@link io.borealis.executor.runner.TaskRunner} over a
 * {@link io.borealis.executor.launch.LocalLauncher}, turns SIGTERM and SIGINT into a kill, runs
 * the task to its end and exits 0 whatever the task's outcome (non-zero only if the executor
 * itself broke).
 */
package io.borealis.executor.app;
