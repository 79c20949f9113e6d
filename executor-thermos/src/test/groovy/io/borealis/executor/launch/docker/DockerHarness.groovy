package io.borealis.executor.launch.docker

import com.github.dockerjava.api.DockerClient
import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.model.AssignedTask
import io.borealis.executor.app.ContainerTasks
import io.borealis.executor.app.TaskFile
import io.borealis.executor.runner.RunnerConfig
import io.borealis.executor.runner.ShutdownLifecycle
import io.borealis.executor.runner.TaskRunner
import io.borealis.executor.testing.Procs
import io.borealis.executor.testing.Tasks

import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/**
 * Runs a containerised task in-process the way ExecutorMain does: ContainerTasks starts the
 * container and hands a TaskRunner the DockerLauncher, against the real engine.
 */
final class DockerHarness implements Closeable {
    final Path workDir
    final DockerClient client = DockerEngine.connect(DockerTesting.settings())
    final List<String> taskIds = []
    Map<String, String> environment = System.getenv()

    DockerHarness(Path workDir) {
        this.workDir = workDir
    }

    Running start(AssignedTask task) {
        taskIds << task.taskId()
        TaskLayout layout = new TaskLayout(Tasks.write(workDir, task))
        TaskFile file = TaskFile.read(layout.taskJson())
        def config = new RunnerConfig(layout, file.task().agentHost(), file.instance(), 4242L,
                environment, Duration.ofSeconds(2), Clock.systemUTC())
        def runner = new CompletableFuture<TaskRunner>()
        def result = CompletableFuture.supplyAsync({
            ContainerTasks.run(file.task(), config, { launcher ->
                def taskRunner = new TaskRunner(file.task(), config, launcher, ShutdownLifecycle.NONE)
                runner.complete(taskRunner)
                taskRunner.run()
            } as ContainerTasks.Body)
        })
        new Running(task, layout, runner, result)
    }

    /** The container of {@code task}'s name, inspected; null when there is none. */
    def container(AssignedTask task) {
        try {
            client.inspectContainerCmd("borealis-${task.taskId()}").exec()
        } catch (com.github.dockerjava.api.exception.NotFoundException ignored) {
            null
        }
    }

    @Override
    void close() {
        taskIds.each { id ->
            try {
                client.removeContainerCmd("borealis-${id}").withForce(true).exec()
            } catch (com.github.dockerjava.api.exception.NotFoundException ignored) {
                // the usual case: the task removed its container
            }
            Procs.killAll(id)
        }
        client.close()
    }

    static final class Running {
        final AssignedTask task
        final TaskLayout layout
        final CompletableFuture<TaskRunner> runner
        final CompletableFuture<TaskState> result

        Running(AssignedTask task, TaskLayout layout, CompletableFuture<TaskRunner> runner,
                CompletableFuture<TaskState> result) {
            this.task = task
            this.layout = layout
            this.runner = runner
            this.result = result
        }

        TaskState await() {
            result.get(30, TimeUnit.SECONDS)
        }

        void kill(String reason) {
            runner.get(30, TimeUnit.SECONDS).kill(reason)
        }

        List<CheckpointRecord> records() {
            CheckpointLog.read(layout.checkpoint())
        }

        String stdout(String process, int run = 0) {
            layout.stdout(process, run).toFile().text
        }

        String message() {
            records().findAll { it instanceof CheckpointRecord.TaskUpdate }.last().message()
        }

        List<CheckpointRecord.ProcessUpdate> processUpdates(String process) {
            records().findAll { it instanceof CheckpointRecord.ProcessUpdate && it.process() == process }
        }
    }
}
