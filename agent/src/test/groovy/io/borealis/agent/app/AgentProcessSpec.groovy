package io.borealis.agent.app

import io.borealis.agent.tasks.HostProcesses
import io.borealis.agent.testing.ExecutorStandIn
import io.borealis.agent.testing.FakeScheduler
import io.borealis.agent.testing.Tasks
import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.TaskLayout
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/** The agent as the program operators run: a JVM of its own, stopped with SIGTERM. */
class AgentProcessSpec extends Specification {
    @TempDir
    Path dir
    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()
    Process agent
    String taskId = Tasks.newId()
    PollingConditions eventually = new PollingConditions(timeout: 20, delay: 0.1)

    def cleanup() {
        agent?.destroyForcibly()?.waitFor(10, TimeUnit.SECONDS)
        HostProcesses.killTaskProcesses(taskId)
    }

    def "SIGTERM stops the agent but not the executors of its tasks"() {
        given:
        Path log = dir.resolve('agent.log')
        Path workDir = dir.resolve('work')
        // The program's own class path: without test-classes, so that its own logback.xml rules.
        def classPath = System.getProperty('java.class.path').split(File.pathSeparator)
                .findAll { !it.endsWith('test-classes') }.join(File.pathSeparator)
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        agent = new ProcessBuilder(java, '-cp', classPath,
                AgentMain.name, '--scheduler', scheduler.url, '--work-dir', workDir.toString(),
                '--host', '127.0.0.1', '--cpu', '1', '--ram-mb', '256', '--disk-mb', '256',
                '--executor-command', ExecutorStandIn.write(dir).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start()
        eventually.eventually {
            assert scheduler.registrations.size() == 1
        }
        def endpoint = scheduler.registrations[0].endpoint()

        expect: 'the one line that says where it serves'
        Files.readString(log).contains("listening on ${endpoint}")

        when:
        Tasks.launch(endpoint, Tasks.assigned(taskId))
        eventually.eventually { assert scheduler.statuses(taskId) == ['STARTING', 'RUNNING'] }
        long executor = CheckpointState.replay(CheckpointLog.read(
                TaskLayout.of(workDir, taskId).checkpoint())).header().executorPid()
        agent.destroy()

        then:
        agent.waitFor(10, TimeUnit.SECONDS)
        agent.exitValue() == 143
        Files.readString(log).contains('agent stopped; executors keep running')
        ExecutorStandIn.alive(executor)
    }
}
