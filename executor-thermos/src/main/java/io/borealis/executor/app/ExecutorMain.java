package io.borealis.executor.app;

import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.executor.checkpoint.CheckpointWriter;
import io.borealis.executor.launch.Launcher;
import io.borealis.executor.launch.LocalLauncher;
import io.borealis.executor.lifecycle.HttpLifecycle;
import io.borealis.executor.launch.docker.ContainerTasks;
import io.borealis.executor.runner.RunnerConfig;
import io.borealis.executor.runner.TaskRunner;
import io.borealis.executor.sandbox.UserPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's composition root: {@code ExecutorMain TASK_ROOT} runs the task described by
 * {@code TASK_ROOT/task.json} and records it in {@code TASK_ROOT/runner.ckpt}.
 *
 * <p>Exit status: 0 once the task is terminal, whatever its outcome (an unreadable task.json is a
 * FAILED task); 2 for a wrong command line; 1 if the executor itself broke, for example when the
 * checkpoint cannot be written, in which case every process of the task has been SIGKILLed.
 */
public final class ExecutorMain {
    private static final Logger log = LoggerFactory.getLogger(ExecutorMain.class);

    private ExecutorMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ExecutorMain TASK_ROOT");
            System.exit(2);
        }
        int status;
        try {
            TaskState state = run(new TaskLayout(Path.of(args[0]).toAbsolutePath()));
            log.info("task ended {}", state);
            status = 0;
        } catch (IOException | RuntimeException e) {
            log.error("executor failed; every process of the task was killed", e);
            status = 1;
        }
        System.exit(status);
    }

    /** Runs the task under {@code layout} to its end, with SIGTERM and SIGINT killing it. */
    static TaskState run(TaskLayout layout) throws IOException {
        long pid = ProcessHandle.current().pid();
        TaskFile file;
        try {
            file = TaskFile.read(layout.taskJson());
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
        return runner.run();
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
