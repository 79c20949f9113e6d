package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the directories of finished tasks (docs/internals.md, "Task layout"): those older than
 * the {@link GcPolicy#delay}, and the oldest beyond {@link GcPolicy#maxFinished}. A directory is
 * removed only when the task is terminal in the agent's view, its terminal update has been acked
 * by the scheduler (the outbox no longer holds it), and no process of the task is alive.
 *
 * <p>Removal first renames {@code tasks/ID} to {@code tasks/.removing-ID} under the task
 * manager's lock (the task leaves the manager at the same moment), then deletes that tree
 * without following symbolic links. A stop in between leaves a {@code .removing-} directory that
 * recovery skips and the next sweep deletes.
 *
 * <p>Thread-safe: {@link #sweep} is synchronized; the agent calls it from its gc thread, at
 * start, periodically and after a task ends while over the count limit. A failure with one task
 * is logged and retried at the next sweep.
 */
public final class TaskCollector {
    static final String REMOVING_PREFIX = ".removing-";
    private static final Logger log = LoggerFactory.getLogger(TaskCollector.class);

    private final TaskManager manager;
    private final Path tasksDir;
    private final GcPolicy policy;
    private final Clock clock;

    public TaskCollector(TaskManager manager, TaskLauncher launcher, GcPolicy policy, Clock clock) {
        this.manager = requireNonNull(manager, "manager is null");
        this.tasksDir = requireNonNull(launcher, "launcher is null").tasksDir();
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public GcPolicy policy() {
        return policy;
    }

    /** Whether more finished task directories are kept than the policy allows. */
    public boolean overLimit() {
        return manager.finished().size() > policy.maxFinished();
    }

    /**
     * One pass: deletes leftovers of interrupted removals, then removes every finished task that
     * is due. Returns the ids of the tasks removed, oldest first.
     */
    public synchronized List<String> sweep() {
        deleteLeftovers();
        List<FinishedTask> finished = new ArrayList<>(manager.finished());
        finished.sort(Comparator.comparingLong(FinishedTask::endedMillis)
                .thenComparing(FinishedTask::taskId));
        long now = clock.millis();
        int excess = finished.size() - policy.maxFinished();
        Set<String> withProcesses = null;
        List<String> removed = new ArrayList<>();
        for (FinishedTask task : finished) {
            Duration age = Duration.ofMillis(Math.max(0, now - task.endedMillis()));
            boolean expired = age.compareTo(policy.delay()) >= 0;
            if (!task.acked() || !(expired || excess > 0)) {
                continue;
            }
            if (withProcesses == null) {
                withProcesses = HostProcesses.tasksWithProcesses();
            }
            if (withProcesses.contains(task.taskId())) {
                continue;
            }
            String why = expired ? "ended " + age.toSeconds() + " s ago, past --gc-delay "
                    + policy.delay().toSeconds() + " s"
                    : "more than --gc-max-finished " + policy.maxFinished() + " finished tasks";
            if (remove(task.taskId(), why)) {
                removed.add(task.taskId());
                excess--;
            }
        }
        return removed;
    }

    private boolean remove(String taskId, String why) {
        Path removing = tasksDir.resolve(REMOVING_PREFIX + taskId);
        try {
            if (!manager.detach(taskId, removing)) {
                return false;
            }
        } catch (IOException e) {
            log.warn("task {}: cannot move its directory aside, will retry: {}", taskId,
                    e.toString());
            return false;
        }
        log.info("task {}: removed its directory ({})", taskId, why);
        delete(removing);
        return true;
    }

    private void deleteLeftovers() {
        if (!Files.isDirectory(tasksDir)) {
            return;
        }
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(tasksDir, REMOVING_PREFIX + "*")) {
            entries.forEach(leftovers::add);
        } catch (IOException e) {
            log.warn("cannot list {}: {}", tasksDir, e.toString());
        }
        leftovers.forEach(TaskCollector::delete);
    }

    private static void delete(Path tree) {
        try {
            TreeDeleter.delete(tree);
        } catch (IOException e) {
            // Out of the tasks' view already; the next sweep tries again.
            log.warn("cannot delete {}, will retry: {}", tree, e.toString());
        }
    }
}
