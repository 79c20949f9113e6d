package io.borealis.executor.testing

import io.borealis.api.json.Json
import io.borealis.api.model.Announcer
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.HealthCheckConfig
import io.borealis.api.model.HttpLifecycleConfig
import io.borealis.api.model.JobKey
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec

import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/** Builds task descriptions for specifications, with Thermos's defaults except min_duration 0. */
final class Tasks {
    private static final AtomicInteger COUNTER = new AtomicInteger()

    static final Logger FILE_LOGGER = new Logger(LoggerDestination.FILE, LoggerMode.STANDARD, 0, 0)

    private Tasks() {}

    /**
     * A process; named options: maxFailures, daemon, ephemeral, minDurationSecs, isFinal,
     * logger (FILE_LOGGER).
     */
    static Process process(Map options = [:], String name, String cmdline) {
        new Process(name, cmdline,
                (options.maxFailures ?: 1) as int,
                (options.daemon ?: false) as boolean,
                (options.ephemeral ?: false) as boolean,
                (options.minDurationSecs ?: 0) as int,
                (options.isFinal ?: false) as boolean,
                (options.logger ?: FILE_LOGGER) as Logger)
    }

    /**
     * A task; named options: order (list of lists), maxFailures (1), maxConcurrency (0),
     * finalizationWaitSecs (30), ports (map), instance (0), host ('agent-1'), role ('www-data'),
     * healthCheck (none), lifecycle (none), ramMb (16), diskMb (16), portmap and zkPath (the
     * announcer's; no announcer when both are absent).
     */
    static AssignedTask task(Map options = [:], List<Process> processes) {
        int instance = (options.instance ?: 0) as int
        String role = (options.role ?: 'www-data') as String
        String taskId = "${System.currentTimeMillis()}-${role}-prod-hello-${instance}-" +
                String.format('%08x', COUNTER.incrementAndGet() ^ (ProcessHandle.current().pid() << 12))
        def spec = new TaskSpec('hello', processes,
                (options.order ?: []) as List<List<String>>,
                (options.containsKey('maxFailures') ? options.maxFailures : 1) as int,
                (options.maxConcurrency ?: 0) as int,
                (options.containsKey('finalizationWaitSecs') ? options.finalizationWaitSecs : 30) as int,
                options.healthCheck as HealthCheckConfig, options.lifecycle as HttpLifecycleConfig)
        def resources = new Resources(0.1, (options.ramMb ?: 16) as long,
                (options.diskMb ?: 16) as long, 0)
        def config = new TaskConfig(new JobKey(role, 'prod', 'hello'), false, 0, false, null,
                1, resources, [], ((options.ports ?: [:]) as Map).keySet(), spec,
                null, [], null, options.portmap == null && options.zkPath == null ? null
                        : new Announcer('http', (options.portmap ?: [:]) as Map<String, String>,
                                options.zkPath as String), null, null)
        new AssignedTask(taskId, 'agent-1', (options.host ?: 'agent-1') as String, config,
                (options.ports ?: [:]) as Map<String, Integer>, instance)
    }

    /** Writes {@code task} as {@code root/TASK_ID/task.json} and returns the task root. */
    static Path write(Path workDir, AssignedTask task) {
        Path root = workDir.resolve('tasks').resolve(task.taskId())
        root.toFile().mkdirs()
        Json.mapper().writeValue(root.resolve('task.json').toFile(), task)
        root
    }
}
