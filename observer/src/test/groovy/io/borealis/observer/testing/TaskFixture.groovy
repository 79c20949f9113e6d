package io.borealis.observer.testing

import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.json.Json
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.JobKey
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec

import java.nio.file.Files
import java.nio.file.Path

/**
 * Writes a task directory the way the agent and the executor do: {@code task.json} from the model
 * record, {@code runner.ckpt} through {@link CheckpointLog}, and files in the sandbox.
 */
class TaskFixture implements AutoCloseable {
    final TaskLayout layout
    private final CheckpointLog log
    private long seq = 0

    TaskFixture(Path workDir, String taskId, int instance, Map<String, String> processes,
            Map<String, Integer> ports = [:]) {
        layout = TaskLayout.of(workDir, taskId)
        Files.createDirectories(layout.sandbox())
        def logger = new Logger(LoggerDestination.FILE, LoggerMode.STANDARD, 0, 0)
        def procs = processes.collect { name, cmd ->
            new Process(name, cmd, 1, false, false, 0, false, logger)
        }
        def spec = new TaskSpec('main', procs, [], 1, 0, 30, null, null)
        def config = new TaskConfig(JobKey.parse('www-data/prod/hello'), true, 0, false, null, 1,
                new Resources(0.5, 64, 128, 0), [], ports.keySet(), spec, null, [], null, null,
                null, null)
        Json.mapper().writeValue(layout.taskJson().toFile(),
                new AssignedTask(taskId, 'agent-1', 'host-1', config, ports, instance))
        log = CheckpointLog.openForAppend(layout.checkpoint())
    }

    TaskFixture header(int instance, long executorPid, Map<String, Integer> ports = [:],
            long at = System.currentTimeMillis()) {
        log.append(new CheckpointRecord.Header(++seq, at, layout.taskId(), 'host-1', 'www-data',
                executorPid, instance, ports))
        this
    }

    TaskFixture task(TaskState state, String message = null, long at = System.currentTimeMillis()) {
        log.append(new CheckpointRecord.TaskUpdate(++seq, at, state, message))
        this
    }

    TaskFixture process(String name, int run, ProcessState state, Long pid = null,
            Integer exitCode = null, String message = null, long at = System.currentTimeMillis()) {
        log.append(new CheckpointRecord.ProcessUpdate(++seq, at, name, run, state, pid, exitCode,
                message))
        this
    }

    /** Writes {@code content} to {@code relative} inside the sandbox. */
    Path file(String relative, Object content) {
        Path file = layout.sandbox().resolve(relative)
        Files.createDirectories(file.parent)
        if (content instanceof byte[]) {
            Files.write(file, (byte[]) content)
        } else {
            Files.writeString(file, content.toString())
        }
        file
    }

    @Override
    void close() {
        log.close()
    }
}
