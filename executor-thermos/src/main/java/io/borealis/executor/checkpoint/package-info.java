/**
 * Writing the task's checkpoint log ({@code runner.ckpt}).
 *
 * <p>{@link io.borealis.executor.checkpoint.CheckpointWriter} numbers and timestamps each record
 * and appends it through {@link io.borealis.api.checkpoint.CheckpointLog}, which fsyncs every
 * line: the agent and observer replay this file with
 * {@link io.borealis.api.checkpoint.CheckpointState#replay}, so a record is written before the
 * executor acts on what it says has happened.
 */
package io.borealis.executor.checkpoint;
