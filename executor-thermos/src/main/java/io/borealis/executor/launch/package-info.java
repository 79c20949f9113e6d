/**
 * Starting and stopping the processes of a task.
 *
 * <p>{@link io.borealis.executor.launch.Launcher} is the seam: {@code start} a run described by
 * a {@link io.borealis.executor.launch.LaunchSpec}, {@code await} its exit, {@code stop}
 * (SIGTERM) or {@code destroy} (SIGKILL) it with every descendant, and {@code recover} the
 * processes of a task that are still alive. {@link io.borealis.executor.launch.LocalLauncher}
 * runs {@code setsid bash -c CMDLINE} on the host with output redirected to files by the OS;
 * it finds descendants through {@link io.borealis.executor.launch.ProcTable}, which reads
 * {@code /proc} (session, process group and the {@code BOREALIS_TASK_ID} environment tag).
 * {@code launch.docker} runs the processes of a containerised task in a Docker container.
 */
package io.borealis.executor.launch;
