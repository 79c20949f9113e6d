/**
 * Writing the task's checkpoint log ({@code runner.ckpt}).
 *
 * <p>{@link io.borealis.executor.checkpoint.CheckpointWriter} numbers and timestamps each record
 * and appends it through {@link io.borealis.api.checkpoint.CheckpointLog}, which fsyncs every
 * line: the agent and observer replay this file with
 * {@link io.borealis.api.checkpoint.CheckpointState#replay}. Records that follow each other at
 * once can be held and written with one fsync ({@code hold}/{@code release}); the log may lag
 * what happened by a moment, but never records something that has not happened.
 */
package io.borealis.executor.checkpoint;
