package io.borealis.executor.testing

import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.model.AssignedTask
import io.borealis.executor.app.TaskFile
import io.borealis.executor.launch.LocalLauncher
import io.borealis.executor.runner.RunnerConfig
import io.borealis.executor.lifecycle.HttpLifecycle
import io.borealis.executor.runner.TaskRunner
import io.borealis.executor.sandbox.UserPolicy

import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.CompletableFuture

/** Runs a task in-process, the way ExecutorMain does, against a real LocalLauncher. */
final class RunnerHarness {
    final Path workDir
    final List<String> taskIds = []
    Duration stopGrace = Duration.ofSeconds(2)
    Duration resourceInterval = Duration.ofSeconds(5)
    UserPolicy userPolicy = new UserPolicy(UserPolicy.Mode.EXECUTOR, null)

    RunnerHarness(Path workDir) {
        this.workDir = workDir
    }

    /** Writes task.json, then starts a runner on a thread of its own. */
    Running start(AssignedTask task) {
        taskIds << task.taskId()
        Path root = Tasks.write(workDir, task)
        TaskLayout layout = new TaskLayout(root)
        TaskFile file = TaskFile.read(layout.taskJson())
        def config = new RunnerConfig(layout, file.task().agentHost(), file.instance(), 4242L,
                System.getenv(), stopGrace, Clock.systemUTC(), userPolicy, resourceInterval)
        def runner = new TaskRunner(file.task(), config, new LocalLauncher(),
                HttpLifecycle.forTask(file.task()))
        def result = CompletableFuture.supplyAsync({ runner.run() })
        new Running(task, layout, runner, result)
    }

    /** Runs {@code task} to its end (at most 20 s). */
    Running run(AssignedTask task) {
        Running running = start(task)
        running.await()
        running
    }

    /** Kills whatever a failed specification left behind. */
    void cleanup() {
        taskIds.each { Procs.killAll(it) }
    }

    static final class Running {
        final AssignedTask task
        final TaskLayout layout
        final TaskRunner runner
        final CompletableFuture<TaskState> result

        Running(AssignedTask task, TaskLayout layout, TaskRunner runner,
                CompletableFuture<TaskState> result) {
            this.task = task
            this.layout = layout
            this.runner = runner
            this.result = result
        }

        TaskState await() {
            result.get(20, java.util.concurrent.TimeUnit.SECONDS)
        }

        List<CheckpointRecord> records() {
            CheckpointLog.read(layout.checkpoint())
        }

        CheckpointState state() {
            CheckpointState.replay(records())
        }

        String stdout(String process, int run = 0) {
            layout.stdout(process, run).toFile().text
        }

        Path sandbox() {
            layout.sandbox()
        }

        /** The process transitions, as "name/run STATE", in checkpoint order. */
        List<String> transitions() {
            records().findAll { it instanceof CheckpointRecord.ProcessUpdate }
                    .collect { "${it.process()}/${it.run()} ${it.state()}".toString() }
        }

        /** The health verdicts, as "healthy: message" or "not healthy: message". */
        List<String> healthRecords() {
            records().findAll { it instanceof CheckpointRecord.Health }
                    .collect { "${it.healthy() ? 'healthy' : 'not healthy'}: ${it.message()}".toString() }
        }

        List<TaskState> taskStates() {
            records().findAll { it instanceof CheckpointRecord.TaskUpdate }*.state()
        }
    }
}
