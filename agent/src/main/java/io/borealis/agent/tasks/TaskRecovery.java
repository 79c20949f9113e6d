package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointRecord;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.model.AssignedTask;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the agent's view of its tasks from {@code WORK_DIR/tasks/*} after a (re)start.
 *
 * <p>For each task directory: the last report and any pending kill come from {@code agent.json};
 * the executor is adopted by pid (the checkpoint header's, else the one the agent recorded) and
 * then watched like any other. A task whose last report was terminal needs nothing more. A task
 * that has neither a recorded pid nor a checkpoint header never got its executor (the agent
 * stopped in between): it comes back without an executor, for the manager to spawn one.
 *
 * <p>Used once, by {@link TaskManager#recover}, from the thread that starts the agent.
 */
final class TaskRecovery {
    private static final Logger log = LoggerFactory.getLogger(TaskRecovery.class);

    private final TaskLauncher launcher;

    TaskRecovery(TaskLauncher launcher) {
        this.launcher = requireNonNull(launcher, "launcher is null");
    }

    List<AgentTask> recoverAll() throws IOException {
        List<AgentTask> recovered = new ArrayList<>();
        Path tasksDir = launcher.tasksDir();
        if (!Files.isDirectory(tasksDir)) {
            return recovered;
        }
        List<Path> roots = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasksDir, Files::isDirectory)) {
            entries.forEach(roots::add);
        }
        roots.sort(null);
        for (Path root : roots) {
            String taskId = root.getFileName().toString();
            if (taskId.startsWith(TaskCollector.REMOVING_PREFIX)) {
                continue; // a removal cut short by a stop; the collector finishes it
            }
            if (TaskLauncher.checkTaskId(taskId) != null) {
                log.warn("ignoring {}: not a task directory", root);
                continue;
            }
            recovered.add(recover(launcher.layout(taskId)));
        }
        log.info("recovered {} task(s) from {}", recovered.size(), tasksDir);
        return recovered;
    }

    private AgentTask recover(TaskLayout layout) throws IOException {
        AgentTask task = new AgentTask(layout, readTask(layout));
        Optional<TaskRecord> record = TaskRecord.read(layout.root());
        record.ifPresent(task::restore);
        if (task.reported != null && task.reported.isTerminal()) {
            task.done = true;
            if (task.endedMillis == null) {
                task.endedMillis = endedMillis(layout);
            }
            return task;
        }
        CheckpointRecord.Header header =
                CheckpointState.replay(CheckpointLog.read(layout.checkpoint())).header();
        Long pid = header != null ? Long.valueOf(header.executorPid())
                : record.map(TaskRecord::executorPid).orElse(null);
        if (pid != null) {
            task.executor = ExecutorProcess.adopted(task.taskId, pid);
            log.info("task {}: adopted executor pid {} (alive: {}), last reported {}",
                    task.taskId, pid, task.executor.isAlive(), task.reported);
        }
        return task;
    }

    /**
     * When a task recorded terminal before the agent kept that time ended: the timestamp of its
     * checkpoint's last record, else the time {@code agent.json} was last written.
     */
    private static long endedMillis(TaskLayout layout) throws IOException {
        List<CheckpointRecord> records = CheckpointLog.read(layout.checkpoint());
        if (!records.isEmpty()) {
            return records.get(records.size() - 1).timestamp();
        }
        return Files.getLastModifiedTime(layout.root().resolve(TaskRecord.FILE_NAME)).toMillis();
    }

    private static AssignedTask readTask(TaskLayout layout) {
        try {
            return TaskLauncher.readTask(layout);
        } catch (IOException | RuntimeException e) {
            log.warn("task {}: cannot read {}: {}", layout.taskId(), layout.taskJson(), e.toString());
            return null;
        }
    }
}
