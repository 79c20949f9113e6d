/**
 * Reading what the agent and the executor left on this host, never writing it.
 *
 * <p>{@link io.borealis.observer.checkpoint.WorkDir} finds the task directories under
 * {@code WORK_DIR/tasks/} and reads each one into an {@link
 * io.borealis.observer.checkpoint.ObservedTask}: its {@code task.json}, its checkpoint log
 * replayed with {@link io.borealis.api.checkpoint.CheckpointState#replay}, and the executor's
 * latest resource sample ({@code resources.json}). {@link
 * io.borealis.observer.checkpoint.Sandbox} is the only way to reach a file inside a task's
 * sandbox: it refuses {@code ..}, absolute paths and symlinks that lead out, with a {@link
 * io.borealis.observer.checkpoint.SandboxException} that says why.
 */
package io.borealis.observer.checkpoint;
