package io.borealis.agent.tasks;

import static java.util.Objects.requireNonNull;

import io.borealis.agent.outbox.Outbox;
import io.borealis.api.checkpoint.ResourceUsage;
import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.model.AgentTaskState;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.HttpLifecycleConfig;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.model.TaskStatusUpdate;
import io.borealis.api.model.TaskUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every task this agent holds, and the only writer of their state.
 *
 * <p>Callers: the AgentControl RPC threads ({@link #launch}, {@link #kill}), the scheduler
 * session ({@link #states}, {@link #kill}) and the monitor thread ({@link #poll}, about every
 * 100 ms). All public methods synchronize on the manager; the lock is held briefly (spawning a
 * process, replaying a changed checkpoint) and the outbox is the only lock taken inside it.
 * {@link #states} reads the tasks' resource samples after it has let go of the lock.
 *
 * <p>Every report goes first to the outbox (persisted), then into the task's {@code agent.json};
 * a crash between the two can repeat a report after a restart (the scheduler ignores repeats),
 * never skip one.
 */
public final class TaskManager {
    private static final Logger log = LoggerFactory.getLogger(TaskManager.class);

    private final TaskLauncher launcher;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration killGrace;
    private final Map<String, AgentTask> tasks = new LinkedHashMap<>();

    /**
     * @param killGrace how long a killed executor may take beyond its task's own finalization
     *     and shutdown waits before the agent SIGKILLs it (docs: 10 s)
     */
    public TaskManager(TaskLauncher launcher, Outbox outbox, Clock clock, Duration killGrace) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.killGrace = requireNonNull(killGrace, "killGrace is null");
    }

    /**
     * Loads every task under {@code WORK_DIR/tasks/} (see {@link TaskRecovery}). Called once, at
     * start, before the agent serves launches.
     */
    public synchronized void recover() throws IOException {
        for (AgentTask task : new TaskRecovery(launcher).recoverAll()) {
            tasks.put(task.taskId, task);
            if (task.executor != null || task.done) {
                continue;
            }
            if (task.assigned != null) {
                spawn(task);
            } else {
                report(task, new Report(TaskStatus.LOST, "the agent restarted before this task's "
                        + "executor started, and its task.json cannot be read"));
                task.done = true;
            }
        }
    }

    /**
     * Launches every task not yet known; idempotent per task id (a task seen before, running or
     * ended, is left alone).
     *
     * @throws IllegalArgumentException when any task id is not valid; nothing is launched then,
     *     and the message names every bad id
     */
    public synchronized void launch(List<AssignedTask> assigned) {
        List<String> problems = new ArrayList<>();
        for (AssignedTask task : assigned) {
            String problem = TaskLauncher.checkTaskId(task.taskId());
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        for (AssignedTask task : assigned) {
            if (tasks.containsKey(task.taskId())) {
                log.info("task {} is already known; launch ignored", task.taskId());
                continue;
            }
            TaskLayout layout;
            try {
                layout = launcher.prepare(task);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lay out task " + task.taskId(), e);
            }
            AgentTask agentTask = new AgentTask(layout, task);
            tasks.put(task.taskId(), agentTask);
            spawn(agentTask);
        }
    }

    /**
     * Asks the executor of {@code taskId} to stop (SIGTERM); the monitor SIGKILLs it, and every
     * process of the task, if it still lives after its deadline. Idempotent. A task that is
     * unknown or already ended is left alone.
     */
    public synchronized void kill(String taskId, String message) {
        AgentTask task = tasks.get(taskId);
        if (task == null) {
            log.info("kill of unknown task {} ignored", taskId);
            return;
        }
        if (task.done || task.killRequested()) {
            return;
        }
        task.killDeadlineMillis = clock.millis() + killWait(task.assigned).toMillis();
        task.killMessage = message;
        persist(task);
        log.info("task {}: killing ({}), SIGKILL after {}", taskId, message,
                Instant.ofEpochMilli(task.killDeadlineMillis));
        if (task.executor != null) {
            task.executor.terminate();
        }
    }

    /**
     * The state of every task for a heartbeat: each task not yet terminal, and each terminal one
     * until the scheduler has acked its terminal update. A task not yet terminal carries its
     * executor's latest resource sample ({@code resources.json}) when there is one; the samples
     * are read after the lock is released, so a slow disk does not hold up the monitor.
     */
    public List<AgentTaskState> states() {
        List<AgentTaskState> states = new ArrayList<>();
        Map<String, TaskLayout> sampled = new LinkedHashMap<>();
        synchronized (this) {
            for (AgentTask task : tasks.values()) {
                if (task.reported != null
                        && (!task.reported.isTerminal() || outbox.isPending(task.reportedSeq))) {
                    states.add(new AgentTaskState(task.taskId, task.reported));
                    if (!task.reported.isTerminal()) {
                        sampled.put(task.taskId, task.layout);
                    }
                }
            }
        }
        return states.stream()
                .map(state -> withUsage(state, sampled.get(state.taskId())))
                .toList();
    }

    private static AgentTaskState withUsage(AgentTaskState state, TaskLayout layout) {
        if (layout == null) {
            return state;
        }
        return ResourceUsage.read(layout.resources())
                .map(sample -> new AgentTaskState(state.taskId(), state.status(),
                        new TaskUsage(sample.timestamp(), sample.cpu(), sample.ramBytes(),
                                sample.diskBytes(), sample.processes())))
                .orElse(state);
    }

    /** The last status reported for {@code taskId}; empty when none was or the task is unknown. */
    public synchronized Optional<TaskStatus> reported(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(task -> task.reported);
    }

    /**
     * One look at every task still watched: replays changed checkpoints, reports transitions,
     * notices dead executors, escalates overdue kills. Called by the monitor thread; a failure
     * with one task is logged and leaves the others unaffected.
     *
     * @return how many tasks ended (became terminal with their executor gone) in this look
     */
    public synchronized int poll() {
        int ended = 0;
        for (AgentTask task : tasks.values()) {
            if (task.done || task.executor == null) {
                continue;
            }
            try {
                observe(task);
                ended += task.done ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                log.warn("task {}: cannot observe, will retry: {}", task.taskId, e.toString());
            }
        }
        return ended;
    }

    /**
     * Every task that is terminal in the agent's view with its executor gone, and whether the
     * scheduler has acked its terminal update. Called by the {@link TaskCollector}.
     */
    public synchronized List<FinishedTask> finished() {
        List<FinishedTask> finished = new ArrayList<>();
        for (AgentTask task : tasks.values()) {
            if (isFinished(task)) {
                long ended = task.endedMillis != null ? task.endedMillis : clock.millis();
                finished.add(new FinishedTask(task.taskId, ended,
                        !outbox.isPending(task.reportedSeq)));
            }
        }
        return finished;
    }

    /**
     * Forgets a finished task and moves its directory to {@code removing} (same parent
     * directory, so the rename is atomic), for the collector to delete outside the lock. After
     * this the task is no longer in heartbeats and a restarted agent does not see it.
     *
     * @return false, changing nothing, when the task is unknown or no longer finished
     * @throws IOException when the directory cannot be moved; the task is then kept
     */
    synchronized boolean detach(String taskId, Path removing) throws IOException {
        AgentTask task = tasks.get(taskId);
        if (task == null || !isFinished(task)) {
            return false;
        }
        Files.move(task.layout.root(), removing, StandardCopyOption.ATOMIC_MOVE);
        tasks.remove(taskId);
        return true;
    }

    private static boolean isFinished(AgentTask task) {
        return task.done && task.reported != null && task.reported.isTerminal()
                && (task.executor == null || !task.executor.isAlive());
    }

    private void observe(AgentTask task) throws IOException {
        // Liveness first, then the checkpoint: an executor that wrote its last state and exited
        // in between is then seen with that state.
        boolean alive = task.executor.isAlive();
        task.refreshCheckpoint(!alive);
        TaskReports.decide(task.reported, task.observe(alive)).ifPresent(r -> report(task, r));
        if (!alive) {
            if (!task.checkpointTerminal() && !task.swept) {
                sweep(task, "its executor is gone");
            }
            task.done = true;
            return;
        }
        if (task.killRequested() && !task.escalated && clock.millis() >= task.killDeadlineMillis) {
            log.warn("task {}: executor {} still runs after its kill deadline; SIGKILL",
                    task.taskId, task.executor.pid());
            task.escalated = true;
            task.executor.destroy();
            sweep(task, "its kill deadline passed");
        }
    }

    private void sweep(AgentTask task, String why) {
        task.swept = true;
        List<Long> killed = HostProcesses.killTaskProcesses(task.taskId);
        if (!killed.isEmpty()) {
            log.warn("task {}: SIGKILLed leftover processes {} because {}", task.taskId, killed, why);
        }
    }

    private void spawn(AgentTask task) {
        try {
            task.executor = launcher.spawn(task.layout);
            log.info("task {}: executor started, pid {}", task.taskId, task.executor.pid());
            report(task, new Report(TaskStatus.STARTING, null));
        } catch (IOException e) {
            log.warn("task {}: cannot start executor: {}", task.taskId, e.toString());
            report(task, new Report(TaskStatus.FAILED, "cannot start executor: " + e.getMessage()));
            task.done = true;
        }
    }

    private void report(AgentTask task, Report report) {
        TaskStatus previous = task.reported;
        TaskStatusUpdate update = outbox.append(task.taskId, report.status(), report.message());
        task.reported = report.status();
        task.reportedSeq = update.seq();
        if (report.status().isTerminal() && task.endedMillis == null) {
            task.endedMillis = update.timestamp();
        }
        persist(task);
        log.info("task {} {} -> {} ({})", task.taskId, previous, report.status(),
                report.message() == null ? "" : report.message());
    }

    private void persist(AgentTask task) {
        try {
            task.record().write(task.layout.root());
        } catch (IOException e) {
            // The outbox already holds the report; a restart may repeat it, which is harmless.
            log.warn("task {}: cannot write {}: {}", task.taskId, TaskRecord.FILE_NAME, e.toString());
        }
    }

    private Duration killWait(AssignedTask assigned) {
        if (assigned == null || assigned.task().task() == null) {
            return killGrace;
        }
        Duration wait = Duration.ofSeconds(assigned.task().task().finalizationWaitSecs());
        HttpLifecycleConfig lifecycle = assigned.task().task().lifecycle();
        if (lifecycle != null) {
            wait = wait.plusSeconds(lifecycle.gracefulShutdownWaitSecs())
                    .plusSeconds(lifecycle.shutdownWaitSecs());
        }
        return wait.plus(killGrace);
    }
}
