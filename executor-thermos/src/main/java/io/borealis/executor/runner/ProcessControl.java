package io.borealis.executor.runner;

import io.borealis.api.checkpoint.ProcessState;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.Logger;
import io.borealis.executor.sandbox.Account;
import io.borealis.executor.launch.LogRotation;
import io.borealis.executor.checkpoint.CheckpointWriter;
import io.borealis.executor.launch.LaunchSpec;
import io.borealis.executor.launch.Launcher;
import io.borealis.executor.launch.RunHandle;
import io.borealis.executor.sandbox.Sandbox;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts runs, turns their exits into checkpoint records and stops them: the runner's hands.
 *
 * <p>Threading: everything runs on the runner thread except {@link #post}, which any thread may
 * call (process exits arrive on the JDK's reaper thread, kills on the signal thread). Every
 * state change is written to the checkpoint before the runner acts on it.
 */
final class ProcessControl {
    /** How often a stop checks whether the stopped processes are gone. */
    private static final long POLL_MILLIS = 20;
    /** How long SIGKILLed processes get to disappear before the runner moves on regardless. */
    private static final long KILL_WAIT_MILLIS = 2_000;
    /** Thermos's RotatePolicy default log size. */
    private static final long DEFAULT_LOG_SIZE = 100L * 1024 * 1024;

    private final String taskId;
    private final Launcher launcher;
    private final Sandbox sandbox;
    private final CheckpointWriter checkpoint;
    private final long stopGraceMillis;
    private final BlockingQueue<RunnerEvent> events = new LinkedBlockingQueue<>();
    private final Map<Long, ProcessRecord> running = new HashMap<>();
    private Account account;
    private String killReason;
    private TaskState killOutcome;
    /** Health verdicts and watchers' kills count only while the task is ACTIVE. */
    private boolean active = true;

    ProcessControl(String taskId, Launcher launcher, Sandbox sandbox, CheckpointWriter checkpoint,
            Duration stopGrace) {
        this.taskId = taskId;
        this.launcher = launcher;
        this.sandbox = sandbox;
        this.checkpoint = checkpoint;
        this.stopGraceMillis = stopGrace.toMillis();
    }

    /** Runs every later process as {@code account}; null for the executor's own user. */
    void runAs(Account account) {
        this.account = account;
    }

    /** From now on health verdicts are not recorded and watchers' kills are ignored. */
    void endActive() {
        active = false;
    }

    /** Queues an event for the runner thread. Any thread. */
    void post(RunnerEvent event) {
        events.add(event);
    }

    /** Why the task is being killed, or null while nobody asked. */
    String killReason() {
        return killReason;
    }

    /** The terminal state a kill leads to: KILLED when asked, FAILED for a watcher's kill. */
    TaskState killOutcome() {
        return killOutcome;
    }

    long now() {
        return checkpoint.millis();
    }

    /** Records that {@code record}'s next run waits. */
    void waiting(ProcessRecord record, String message) {
        checkpoint.process(record.name(), record.run(), ProcessState.WAITING, null, null, message);
    }

    /**
     * Starts the next run of {@code record}; a run that cannot start counts as a failed run.
     *
     * <p>Unlike Thermos, which records FORKED before it forks, the executor forks first and then
     * records FORKED and RUNNING(pid) together, with one fsync: the fork is not delayed by a
     * write, and the log is never ahead of reality. An executor that dies between the fork and
     * that write leaves the run WAITING; its successor marks the run LOST and SIGKILLs every
     * process tagged with the task id, this one included ({@code TaskRunner}), as it does for a
     * FORKED run without a pid.
     */
    void launch(ProcessRecord record) {
        String name = record.name();
        int run = record.run();
        RunHandle handle;
        try {
            sandbox.createLogDir(name, run);
            handle = launcher.start(new LaunchSpec(taskId, name, run, record.cmdline(),
                    sandbox.directory(), sandbox.environment(taskId, name, account),
                    record.process().logger().destination(), sandbox.stdout(name, run),
                    sandbox.stderr(name, run), account, rotation(record.process().logger())));
        } catch (IOException | RuntimeException e) {
            String message = "cannot start: " + e.getMessage();
            checkpoint.process(name, run, ProcessState.FAILED, null, null, message);
            afterEnd(record, record.ended(null, message, now()));
            return;
        }
        record.started(handle);
        running.put(handle.pid(), record);
        checkpoint.hold();
        checkpoint.process(name, run, ProcessState.FORKED, null, null, null);
        checkpoint.process(name, run, ProcessState.RUNNING, handle.pid(), null, null);
        checkpoint.release();
        launcher.await(handle).whenComplete((code, error) -> post(new RunnerEvent.Exited(handle,
                code, error == null ? null : String.valueOf(error.getMessage()))));
    }

    /**
     * Waits up to {@code timeoutMillis} (forever if negative) for one event and handles it.
     */
    void awaitEvent(long timeoutMillis) {
        RunnerEvent event;
        try {
            event = timeoutMillis < 0 ? events.take()
                    : events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("runner thread interrupted", e);
        }
        if (event != null) {
            handle(event);
        }
    }

    /** Thermos's rotate mode; a log size of 0 (unset) takes Thermos's default, 100 MB. */
    private static LogRotation rotation(Logger logger) {
        return switch (logger.mode()) {
            case STANDARD -> null;
            case ROTATE -> new LogRotation(logger.rotateLogSizeBytes() > 0
                    ? logger.rotateLogSizeBytes() : DEFAULT_LOG_SIZE,
                    Math.max(0, logger.rotateBackups()));
        };
    }

    private void handle(RunnerEvent event) {
        if (event instanceof RunnerEvent.KillRequested kill) {
            boolean watcher = kill.outcome() != TaskState.KILLED;
            if (killReason == null && (active || !watcher)) {
                killReason = kill.reason();
                killOutcome = kill.outcome();
            }
        } else if (event instanceof RunnerEvent.HealthChanged health) {
            if (active) {
                checkpoint.health(health.healthy(), health.message());
                if (!health.healthy()) {
                    handle(new RunnerEvent.KillRequested(health.message(), TaskState.FAILED));
                }
            }
        } else if (event instanceof RunnerEvent.Exited exited) {
            ProcessRecord record = running.remove(exited.run().pid());
            if (record != null) {
                ended(record, exited);
            }
        }
    }

    private void ended(ProcessRecord record, RunnerEvent.Exited exited) {
        Integer code = exited.exitCode();
        String message = code == null ? "lost track of the process: " + exited.error()
                : "exit status " + code;
        ProcessState state = record.stopRequested() ? ProcessState.KILLED
                : code == null ? ProcessState.LOST
                : code == 0 ? ProcessState.SUCCESS : ProcessState.FAILED;
        if (record.stopRequested()) {
            message = "killed (" + message + ")";
        }
        checkpoint.process(record.name(), exited.run().run(), state, exited.run().pid(), code,
                message);
        afterEnd(record, record.ended(code, message, now()));
    }

    private void afterEnd(ProcessRecord record, ProcessRecord.Status status) {
        switch (status) {
            case WAITING -> waiting(record, record.process().minDurationSecs() > 0
                    ? "runs again after " + record.process().minDurationSecs() + "s" : null);
            case RUNNING, FINISHED, FAILED, KILLED -> { }
        }
    }

    /**
     * Stops every running process of {@code records}: SIGTERM to each run and its descendants,
     * up to the stop grace (but not past {@code deadlineMillis}) for them to go, then SIGKILL.
     * Processes still waiting are recorded KILLED without having run. Returns once every run's
     * exit has been recorded, or the kill wait has passed.
     */
    void stop(Iterable<ProcessRecord> records, long deadlineMillis, String reason) {
        List<RunHandle> stopping = new ArrayList<>();
        for (ProcessRecord record : records) {
            switch (record.status()) {
                case RUNNING -> {
                    record.requestStop();
                    stopping.add(record.current());
                }
                case WAITING -> {
                    record.cancel();
                    checkpoint.process(record.name(), record.run(), ProcessState.KILLED, null,
                            null, "not started: " + reason);
                }
                case FINISHED, FAILED, KILLED -> { }
            }
        }
        if (stopping.isEmpty()) {
            return;
        }
        stopping.forEach(launcher::stop);
        long graceEnd = Math.min(now() + stopGraceMillis, deadlineMillis);
        if (!waitUntilGone(stopping, graceEnd)) {
            stopping.forEach(launcher::destroy);
            waitUntilGone(stopping, now() + KILL_WAIT_MILLIS);
        }
    }

    /**
     * Marks every running process of {@code records} as being stopped, so that its exit is
     * recorded KILLED and nothing runs again, without signalling it yet (the graceful lifecycle
     * asks first).
     */
    void stopping(Iterable<ProcessRecord> records) {
        for (ProcessRecord record : records) {
            if (record.status() == ProcessRecord.Status.RUNNING) {
                record.requestStop();
            }
        }
    }

    /** Handles events until none of {@code records} runs, or {@code untilMillis}. */
    boolean awaitEnded(Collection<ProcessRecord> records, long untilMillis) {
        while (records.stream().anyMatch(r -> r.status() == ProcessRecord.Status.RUNNING)) {
            long now = now();
            if (now >= untilMillis) {
                return false;
            }
            awaitEvent(untilMillis - now);
        }
        return true;
    }

    /** Polls until every run's exit is recorded and none of its processes is alive. */
    private boolean waitUntilGone(List<RunHandle> runs, long untilMillis) {
        while (true) {
            boolean gone = runs.stream()
                    .allMatch(run -> !running.containsKey(run.pid()) && !launcher.alive(run));
            if (gone) {
                return true;
            }
            if (now() >= untilMillis) {
                return false;
            }
            // A process may have forked since the SIGTERM went out; stop signals only new ones.
            runs.forEach(launcher::stop);
            awaitEvent(POLL_MILLIS);
        }
    }

    /**
     * Terminates every process that still carries the task's tag (descendants that escaped their
     * run, daemonized helpers): SIGTERM, up to the stop grace, then SIGKILL.
     */
    void sweep(long deadlineMillis) {
        if (launcher.recover(taskId).isEmpty()) {
            return;
        }
        launcher.signalTask(taskId, false);
        if (!waitUntilTaskGone(Math.min(now() + stopGraceMillis, deadlineMillis))) {
            launcher.signalTask(taskId, true);
            waitUntilTaskGone(now() + KILL_WAIT_MILLIS);
        }
    }

    private boolean waitUntilTaskGone(long untilMillis) {
        while (true) {
            List<Long> alive = launcher.recover(taskId);
            if (alive.isEmpty()) {
                return true;
            }
            if (now() >= untilMillis) {
                return false;
            }
            launcher.signalTask(taskId, false);
            awaitEvent(POLL_MILLIS);
        }
    }

    /** Last resort when the runner itself fails: SIGKILL everything, record nothing. */
    void destroyEverything() {
        running.values().forEach(record -> launcher.destroy(record.current()));
        launcher.signalTask(taskId, true);
    }
}
