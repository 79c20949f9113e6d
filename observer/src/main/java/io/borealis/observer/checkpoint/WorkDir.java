package io.borealis.observer.checkpoint;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.ResourceUsage;
import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.json.Json;
import io.borealis.api.model.AssignedTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's work directory, seen read-only: {@code WORK_DIR/tasks/TASK_ID/} per task.
 *
 * <p>Thread-safe and stateless: every call reads the files again, so a page always shows what is
 * on disk now. A task directory whose {@code task.json} is missing or unreadable is still listed
 * (with the problem recorded); a torn checkpoint tail is ignored by {@link CheckpointLog#read};
 * a missing or unreadable {@code resources.json} reads as no sample.
 */
public final class WorkDir {
    private static final Logger LOG = LoggerFactory.getLogger(WorkDir.class);

    /** Task ids are made of job-key characters; anything else cannot name a task directory. */
    /**
     * The agent's task ids: no leading '.' or '-' (so neither '..' nor the agent's
     * {@code .removing-ID} directories, which its garbage collector is deleting, are tasks).
     */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,511}");

    private final Path root;

    public WorkDir(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every task directory's id, in name order. A missing {@code tasks/} reads as none. */
    public List<String> taskIds() {
        Path tasks = root.resolve(TaskLayout.TASKS_DIR);
        if (!Files.isDirectory(tasks)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(tasks)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(WorkDir::isTaskId)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list task directories under {}: {}", tasks, e.toString());
            return List.of();
        }
    }

    /** Reads every task on this host. */
    public List<ObservedTask> readAll() {
        List<ObservedTask> tasks = new ArrayList<>();
        for (String taskId : taskIds()) {
            find(taskId).ifPresent(tasks::add);
        }
        return tasks;
    }

    /**
     * Reads task {@code taskId}, or returns empty when there is no such task directory (including
     * when {@code taskId} could not name one, such as {@code ..}).
     */
    public Optional<ObservedTask> find(String taskId) {
        if (!isTaskId(taskId)) {
            return Optional.empty();
        }
        TaskLayout layout = TaskLayout.of(root, taskId);
        if (!Files.isDirectory(layout.root(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(read(layout));
    }

    static boolean isTaskId(String taskId) {
        return taskId != null && TASK_ID.matcher(taskId).matches();
    }

    private static ObservedTask read(TaskLayout layout) {
        AssignedTask assigned = null;
        String problem = null;
        if (!Files.isRegularFile(layout.taskJson())) {
            problem = "task.json is missing";
        } else {
            try {
                assigned = Json.mapper().readValue(layout.taskJson().toFile(), AssignedTask.class);
            } catch (JacksonException e) {
                problem = "task.json cannot be read: " + e.getOriginalMessage();
            } catch (IOException e) {
                problem = "task.json cannot be read: " + e;
            }
        }
        CheckpointState state = CheckpointState.replay(CheckpointLog.read(layout.checkpoint()));
        return new ObservedTask(layout, assigned, problem, state, createdMillis(layout),
                ResourceUsage.read(layout.resources()).orElse(null));
    }

    private static long createdMillis(TaskLayout layout) {
        for (Path candidate : List.of(layout.taskJson(), layout.root())) {
            try {
                return Files.getLastModifiedTime(candidate).toMillis();
            } catch (IOException e) {
                // Try the next candidate: the directory may be being created or removed.
            }
        }
        return 0;
    }
}
