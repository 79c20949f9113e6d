package io.borealis.executor.app;

import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.executor.announce.Announcement;
import io.borealis.executor.checkpoint.CheckpointWriter;
import io.borealis.executor.launch.Launcher;
import io.borealis.executor.launch.LocalLauncher;
import io.borealis.executor.lifecycle.HttpLifecycle;
import io.borealis.executor.runner.RunnerConfig;
import io.borealis.executor.runner.TaskRunner;
import io.borealis.executor.sandbox.UserPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's composition root: {@code ExecutorMain TASK_ROOT} runs the task described by
 * {@code TASK_ROOT/task.json} and records it in {@code TASK_ROOT/runner.ckpt}.
 *
 * <p>SIGTERM and SIGINT kill the task ({@link TerminationSignals}), and so does an agent that
 * stays silent past the loss timeout ({@link AgentWatch}, when the agent named its liveness
 * file).
 *
 * <p>Exit status: 0 once the task is terminal, whatever its outcome (an unreadable task.json is a
 * FAILED task); 2 for a wrong command line; 1 if the executor itself broke, for example when the
 * checkpoint cannot be written, in which case every process of the task has been SIGKILLed.
 *
 * <p>Start-up latency counts (issue 4): {@code task.json} is read, and the checkpoint's
 * serializers are built, on two short-lived threads while the main thread sets up logging (no
 * static logger here, so that SLF4J starts only after those threads did).
 */
public final class ExecutorMain {
    private ExecutorMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ExecutorMain TASK_ROOT");
            System.exit(2);
        }
        TaskLayout layout = new TaskLayout(Path.of(args[0]).toAbsolutePath());
        CompletableFuture<TaskFile> file = readInBackground(layout);
        CheckpointWriter.prepareInBackground();
        Logger log = LoggerFactory.getLogger(ExecutorMain.class);
        int status;
        try {
            TaskState state = run(layout, file);
            log.info("task ended {}", state);
            status = 0;
        } catch (IOException | RuntimeException e) {
            log.error("executor failed; every process of the task was killed", e);
            status = 1;
        }
        System.exit(status);
    }

    /** Reads {@code task.json} on a daemon thread of its own (it is the start's longest step). */
    private static CompletableFuture<TaskFile> readInBackground(TaskLayout layout) {
        CompletableFuture<TaskFile> file = new CompletableFuture<>();
        Thread reader = new Thread(null, () -> {
            try {
                file.complete(TaskFile.read(layout.taskJson()));
            } catch (IOException | RuntimeException e) {
                file.completeExceptionally(e);
            }
        }, "task-file-reader", 512 * 1024);
        reader.setDaemon(true);
        reader.start();
        return file;
    }

    /** Runs the task read by {@code reading} to its end, with SIGTERM and SIGINT killing it. */
    private static TaskState run(TaskLayout layout, CompletableFuture<TaskFile> reading)
            throws IOException {
        long pid = ProcessHandle.current().pid();
        TaskFile file;
        try {
            file = awaitTask(reading);
        } catch (IOException e) {
            return refuse(layout, pid, "cannot read task: " + e.getMessage());
        }
        String host = file.task().agentHost() != null ? file.task().agentHost() : localHostName();
        UserPolicy users;
        try {
            users = UserPolicy.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            return refuse(layout, pid, "cannot run task: " + e.getMessage());
        }
        RunnerConfig config = new RunnerConfig(layout, host, file.instance(), pid, System.getenv(),
                RunnerConfig.DEFAULT_STOP_GRACE, Clock.systemUTC(), users,
                RunnerConfig.DEFAULT_RESOURCE_INTERVAL);
        if (file.task().task().container() != null) {
            return ContainerTasks.run(file.task(), config, launcher -> run(file, config, launcher));
        }
        return run(file, config, new LocalLauncher());
    }

    private static TaskState run(TaskFile file, RunnerConfig config, Launcher launcher)
            throws IOException {
        TaskRunner runner = new TaskRunner(file.task(), config, launcher,
                HttpLifecycle.forTask(file.task()));
        TerminationSignals.install(runner::kill);
        Optional<AgentWatch> watch = AgentWatch.fromEnvironment(config.hostEnvironment(),
                runner::kill);
        watch.ifPresent(AgentWatch::start);
        Optional<Announcement> announcement = Announcement.start(config.hostEnvironment(),
                file.task(), config.hostname(), config.instance());
        try {
            return runner.run();
        } finally {
            announcement.ifPresent(Announcement::close);
            watch.ifPresent(AgentWatch::close);
        }
    }

    /** The read task; an I/O error or a bad file is thrown as {@link IOException}. */
    private static TaskFile awaitTask(CompletableFuture<TaskFile> reading) throws IOException {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the task", e);
        }
    }

    /** Records a task that cannot even be read as FAILED, so that the agent can say why. */
    private static TaskState refuse(TaskLayout layout, long pid, String message)
            throws IOException {
        try (CheckpointWriter checkpoint = CheckpointWriter.open(layout.checkpoint(),
                Clock.systemUTC(), layout.taskId(), 0)) {
            checkpoint.header(localHostName(), System.getProperty("user.name", "unknown"), pid, 0,
                    Map.of());
            checkpoint.task(TaskState.FAILED, message);
        }
        return TaskState.FAILED;
    }

    /** The kernel's host name: no DNS lookup, which could stall the start. */
    private static String localHostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
