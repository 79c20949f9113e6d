package io.borealis.agent.tasks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.AgentLiveness;
import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.json.Json;
import io.borealis.api.model.AssignedTask;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lays out a task's directory and spawns its executor (docs/internals.md, "Task layout").
 *
 * <p>The executor runs as {@code setsid -w EXECUTOR_COMMAND TASK_ROOT}: in a session of its own,
 * so that it outlives the agent (an agent restart or SIGTERM leaves tasks running), with the
 * task root as working directory, stdin from {@code /dev/null}, stdout and stderr appended to
 * {@code executor.log}, and {@code BOREALIS_TASK_ID} in its environment, beside the path of the
 * agent's liveness file ({@link AgentLiveness}: the executor stops its task when the agent stays
 * silent past the loss timeout). ({@code -w} matters only
 * when setsid has to fork, which it does not for a child of the JVM: then the pid is the
 * executor's own.)
 *
 * <p>Thread-safe (stateless apart from its configuration).
 */
public final class TaskLauncher {
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");

    private final Path workDir;
    private final Path executorCommand;
    private final Map<String, String> executorEnvironment;

    public TaskLauncher(Path workDir, Path executorCommand) {
        this(workDir, executorCommand, Map.of());
    }

    /** @param executorEnvironment added to every executor's environment (the account policy) */
    public TaskLauncher(Path workDir, Path executorCommand, Map<String, String> executorEnvironment) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.executorCommand = requireNonNull(executorCommand, "executorCommand is null");
        this.executorEnvironment = Map.copyOf(executorEnvironment);
    }

    /**
     * Why {@code taskId} cannot name a task directory, or null when it can. Task ids become
     * directory names, so only a safe alphabet is accepted.
     */
    public static String checkTaskId(String taskId) {
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            return "task id '" + taskId + "' is not valid: it must be 1-200 letters, digits, "
                    + "'.', '_' or '-', and must not start with '.' or '-'";
        }
        return null;
    }

    public TaskLayout layout(String taskId) {
        return TaskLayout.of(workDir, taskId);
    }

    public Path tasksDir() {
        return workDir.resolve(TaskLayout.TASKS_DIR);
    }

    /** Creates the task's root and sandbox and writes {@code task.json}. */
    TaskLayout prepare(AssignedTask task) throws IOException {
        TaskLayout layout = layout(task.taskId());
        Files.createDirectories(layout.sandbox());
        Path tmp = layout.root().resolve("task.json.tmp");
        Files.writeString(tmp, Json.mapper().writeValueAsString(task), UTF_8);
        Files.move(tmp, layout.taskJson(), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return layout;
    }

    /** Spawns the executor of the task laid out at {@code layout}. */
    ExecutorProcess spawn(TaskLayout layout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                "setsid", "-w", executorCommand.toString(), layout.root().toString()))
                .directory(layout.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.executorLog().toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(executorEnvironment);
        builder.environment().put(HostProcesses.TASK_ID_VARIABLE, layout.taskId());
        builder.environment().put(AgentLiveness.VARIABLE,
                AgentLiveness.file(workDir).toAbsolutePath().toString());
        return ExecutorProcess.spawned(layout.taskId(), builder.start());
    }

    /** Reads back the task.json of {@code layout}. */
    static AssignedTask readTask(TaskLayout layout) throws IOException {
        return Json.mapper().readValue(layout.taskJson().toFile(), AssignedTask.class);
    }
}
