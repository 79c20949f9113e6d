/**
 * The task's files on a host, shared by the executor (writes), the agent and the observer
 * (read): {@link io.borealis.api.checkpoint.TaskLayout} says where they are; {@link
 * io.borealis.api.checkpoint.CheckpointLog} is the append-only, fsynced log of JSON records
 * ({@link io.borealis.api.checkpoint.CheckpointRecord}: header, task, process, health);
 * {@link io.borealis.api.checkpoint.CheckpointState#replay} rebuilds a task's state from it,
 * tolerating a torn last line; {@link io.borealis.api.checkpoint.ResourceUsage} is the
 * executor's latest resource sample. {@link io.borealis.api.checkpoint.AgentLiveness} is the
 * agent's sign of life that its executors watch.
 */
package io.borealis.api.checkpoint;
