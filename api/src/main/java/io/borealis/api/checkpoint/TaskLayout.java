package io.borealis.api.checkpoint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a task's files live on its host. The agent owns {@code WORK_DIR/tasks/}; each task gets
 * one directory:
 *
 * <pre>
 * WORK_DIR/tasks/TASK_ID/
 *   task.json            what to run: the AssignedTask as JSON (written by the agent)
 *   runner.ckpt          the checkpoint log (appended by the executor, read by agent and observer)
 *   executor.log         the executor's own log
 *   resources.json       the latest resource sample of the task's processes (by the executor)
 *   sandbox/             the processes' working directory; the only tree users may browse
 *     .logs/PROCESS/RUN/stdout, stderr
 * </pre>
 *
 * The checkpoint lives beside the sandbox, not in it, so that a task's processes cannot rewrite
 * their own history by accident.
 */
public record TaskLayout(Path root) {
    public static final String TASKS_DIR = "tasks";

    public TaskLayout {
        Objects.requireNonNull(root, "root is null");
    }

    /** The layout of task {@code taskId} under the agent work directory {@code workDir}. */
    public static TaskLayout of(Path workDir, String taskId) {
        return new TaskLayout(workDir.resolve(TASKS_DIR).resolve(taskId));
    }

    public Path taskJson() {
        return root.resolve("task.json");
    }

    public Path checkpoint() {
        return root.resolve("runner.ckpt");
    }

    public Path executorLog() {
        return root.resolve("executor.log");
    }

    /** The executor's latest {@link ResourceUsage} sample. */
    public Path resources() {
        return root.resolve("resources.json");
    }

    public Path sandbox() {
        return root.resolve("sandbox");
    }

    public Path logDir(String process, int run) {
        return sandbox().resolve(".logs").resolve(process).resolve(Integer.toString(run));
    }

    public Path stdout(String process, int run) {
        return logDir(process, run).resolve("stdout");
    }

    public Path stderr(String process, int run) {
        return logDir(process, run).resolve("stderr");
    }

    public String taskId() {
        return root.getFileName().toString();
    }
}
