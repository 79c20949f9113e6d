/**
 * Running a task's processes inside a Docker container, through docker-java.
 *
 * <p>{@code app.ContainerTasks} is the entry the executor calls for a task with
 * {@code container: Docker(image: ...)}: it reads the
 * {@link io.borealis.executor.launch.docker.DockerSettings} ({@code DOCKER_HOST}), starts one
 * {@link io.borealis.executor.launch.docker.TaskContainer} per task (image, sandbox mounted at
 * its own path, host network, cpu and memory limits, a tiny shell keeper as its main process),
 * hands the runner a {@link io.borealis.executor.launch.docker.DockerLauncher} that runs each
 * process with {@code exec}, and removes the container when the task ends. A container that
 * cannot start (missing image, bad parameter) fails the task with the engine's reason.
 */
package io.borealis.executor.launch.docker;
