package io.borealis.executor.app;

import com.github.dockerjava.api.DockerClient;
import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.PortAliases;
import io.borealis.executor.checkpoint.CheckpointWriter;
import io.borealis.executor.launch.Launcher;
import io.borealis.executor.launch.docker.ContainerException;
import io.borealis.executor.launch.docker.ContainerSpec;
import io.borealis.executor.launch.docker.DockerEngine;
import io.borealis.executor.launch.docker.DockerLauncher;
import io.borealis.executor.launch.docker.DockerSettings;
import io.borealis.executor.launch.docker.TaskContainer;
import io.borealis.executor.runner.RunnerConfig;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task whose job names a Docker image: starts the task's container, lets the runner run
 * the task with a {@link DockerLauncher} over it, and removes the container when the runner
 * returns, whatever the outcome.
 *
 * <p>A container that cannot start (an image the engine does not hold and cannot pull, an
 * unsupported parameter, an engine that cannot be reached, a malformed {@code DOCKER_HOST})
 * ends the task FAILED at once, before any process, with {@code cannot start container: }
 * and the engine's reason as the checkpoint's message. A task whose checkpoint is already
 * terminal runs nothing; a container an earlier executor left is removed.
 *
 * <p>Called once, by the executor's main thread. It lives in {@code app}, beside
 * {@link ExecutorMain}, because it wires the runner to a launcher: {@code launch.docker} itself
 * knows nothing of the runner.
 */
public final class ContainerTasks {
    private static final Logger log = LoggerFactory.getLogger(ContainerTasks.class);

    /** Runs the task with the launcher it is given, to its terminal state (the runner). */
    @FunctionalInterface
    public interface Body {
        TaskState run(Launcher launcher) throws IOException;
    }

    private ContainerTasks() {}

    /**
     * Runs {@code task} in its container; {@code config} gives the layout, the executor's
     * environment ({@link DockerSettings}) and the checkpoint header of a task that fails here.
     *
     * @throws IOException if the checkpoint cannot be written, or the body throws it
     */
    public static TaskState run(AssignedTask task, RunnerConfig config, Body body)
            throws IOException {
        CheckpointState previous = CheckpointState.replay(
                CheckpointLog.read(config.layout().checkpoint()));
        boolean terminal = previous.state() != null && previous.state().isTerminal();
        DockerSettings settings;
        ContainerSpec spec;
        try {
            settings = DockerSettings.fromEnvironment(config.hostEnvironment());
            spec = ContainerSpec.of(task, config.layout().sandbox());
        } catch (IllegalArgumentException | ContainerException e) {
            return terminal ? previous.state() : fail(task, config, previous, e.getMessage());
        }
        try (DockerClient client = DockerEngine.connect(settings)) {
            TaskContainer container = new TaskContainer(client, settings, spec);
            if (terminal) {
                container.removeLeftover();
                return previous.state();
            }
            try {
                Files.createDirectories(config.layout().sandbox());
                container.start();
            } catch (ContainerException e) {
                return fail(task, config, previous, e.getMessage());
            } catch (RuntimeException e) {
                container.remove();
                return fail(task, config, previous, "cannot use the Docker engine at "
                        + settings.host() + ": " + DockerEngine.reason(e));
            }
            try {
                return body.run(new DockerLauncher(client, container));
            } finally {
                container.remove();
            }
        }
    }

    /** Records the task FAILED with {@code cannot start container: REASON}. */
    private static TaskState fail(AssignedTask task, RunnerConfig config,
            CheckpointState previous, String reason) throws IOException {
        String message = "cannot start container: " + reason;
        log.warn("task {} failed: {}", task.taskId(), message);
        try (CheckpointWriter checkpoint = CheckpointWriter.open(config.layout().checkpoint(),
                config.clock(), task.taskId(), previous.lastSeq())) {
            checkpoint.header(config.hostname(), System.getProperty("user.name", "unknown"),
                    config.executorPid(), config.instance(),
                    PortAliases.resolve(task.assignedPorts(), task.task().announce()));
            checkpoint.task(TaskState.FAILED, message);
        }
        return TaskState.FAILED;
    }
}
