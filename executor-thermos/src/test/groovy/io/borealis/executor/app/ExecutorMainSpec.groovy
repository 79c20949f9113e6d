package io.borealis.executor.app

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.AgentLiveness
import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.checkpoint.TaskState
import io.borealis.executor.testing.Procs
import io.borealis.executor.testing.Tasks
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.TimeUnit

/** Runs ExecutorMain as the agent does: a child JVM on the test's classpath. */
class ExecutorMainSpec extends Specification {
    @TempDir
    Path workDir

    List<Process> executors = []
    List<String> taskIds = []

    def cleanup() {
        executors.each { it.destroyForcibly().waitFor(10, TimeUnit.SECONDS) }
        taskIds.each { Procs.killAll(it) }
    }

    def "SIGTERM to the executor kills every process of the task, even one that escaped its session"() {
        given: 'a task whose processes ignore nothing, trap TERM, and double-fork out of their session'
        def assigned = task([
                process('server', 'sleep 1000 & sleep 1000'),
                process('escaper', '''(setsid bash -c 'trap "echo bye > escaped; exit 0" TERM; sleep 1000 & wait' &) ; sleep 1000'''),
                process('trapper', '''trap 'echo bye > trapped; exit 0' TERM; sleep 1000 & wait''')],
                ramMb: 1024)
        TaskLayout layout = new TaskLayout(Tasks.write(workDir, assigned))
        taskIds << assigned.taskId()
        Process executor = startExecutor(layout)
        def conditions = new PollingConditions(timeout: 15, delay: 0.05)

        expect: 'all three running, with the escaped shell in a session of its own'
        conditions.eventually {
            def state = replay(layout)
            assert state.processes().size() == 3
            assert state.processes().values().every { it.last().state() == ProcessState.RUNNING }
            assert Procs.ofTask(assigned.taskId()).size() >= 7
        }

        when:
        executor.destroy() // SIGTERM

        then: 'the executor exits 0 after recording KILLED, and nothing of the task is left'
        executor.waitFor(20, TimeUnit.SECONDS)
        executor.exitValue() == 0
        with(replay(layout)) {
            state() == TaskState.KILLED
            message() == 'killed: executor received SIGTERM'
            processes().values().every { it.last().state() == ProcessState.KILLED }
            header().executorPid() == executor.pid()
        }
        layout.sandbox().resolve('trapped').toFile().text == 'bye\n'
        layout.sandbox().resolve('escaped').toFile().text == 'bye\n'
        Procs.ofTask(assigned.taskId()).isEmpty() // the executor itself included
    }

    def "the executor runs a task to SUCCESS and exits 0"() {
        given:
        def assigned = task([process('hello', 'echo hello {{mesos.instance}}')], instance: 4)
        TaskLayout layout = new TaskLayout(Tasks.write(workDir, assigned))
        taskIds << assigned.taskId()

        when:
        Process executor = startExecutor(layout)

        then:
        executor.waitFor(20, TimeUnit.SECONDS)
        executor.exitValue() == 0
        replay(layout).state() == TaskState.SUCCESS
        layout.stdout('hello', 0).toFile().text == 'hello 4\n'
        CheckpointLog.read(layout.checkpoint()).first() instanceof CheckpointRecord.Header
    }

    def "an unreadable task.json is recorded as a FAILED task and the executor exits 0"() {
        given:
        Path root = workDir.resolve('tasks').resolve('broken-task')
        root.toFile().mkdirs()
        root.resolve('task.json').toFile().text = '{"taskId": "broken-task", "task": 7}'
        TaskLayout layout = new TaskLayout(root)

        when:
        Process executor = startExecutor(layout)

        then:
        executor.waitFor(20, TimeUnit.SECONDS)
        executor.exitValue() == 0
        with(replay(layout)) {
            state() == TaskState.FAILED
            message().startsWith("cannot read task: ${layout.taskJson()} is not a valid AssignedTask")
            header().taskId() == 'broken-task'
        }
    }

    def "an executor whose agent stays silent past the loss timeout stops its task, saying why"() {
        given: 'an agent that touched its liveness file once, with a 2 s loss timeout'
        Path alive = workDir.resolve('agent/alive')
        Files.createDirectories(alive.parent)
        AgentLiveness.touch(alive, Duration.ofSeconds(2), Instant.now())
        def assigned = task([process('server', 'sleep 1000')])
        TaskLayout layout = new TaskLayout(Tasks.write(workDir, assigned))
        taskIds << assigned.taskId()

        when: 'the agent is gone (nothing touches the file any more)'
        Process executor = startExecutor(layout, [BOREALIS_TASK_USER: 'executor',
                (AgentLiveness.VARIABLE): alive.toString()])

        then: 'the executor stops the task through its graceful path and exits 0'
        executor.waitFor(30, TimeUnit.SECONDS)
        executor.exitValue() == 0
        with(replay(layout)) {
            state() == TaskState.KILLED
            message() ==~ /agent unreachable for \d+ s; stopping so the scheduler's replacement is the only copy/
            processes()['server'].first().state() == ProcessState.KILLED
        }
        Procs.ofTask(assigned.taskId()).isEmpty()
    }

    def "an executor whose agent keeps the liveness file fresh keeps running past the timeout"() {
        given: 'an agent touching its liveness file every 100 ms, with a 1 s loss timeout'
        Path alive = workDir.resolve('agent/alive')
        Files.createDirectories(alive.parent)
        def beating = new AtomicBoolean(true)
        def agent = Thread.start {
            while (beating.get()) {
                AgentLiveness.touch(alive, Duration.ofSeconds(1), Instant.now())
                Thread.sleep(100)
            }
        }
        def assigned = task([process('server', 'sleep 1000')])
        TaskLayout layout = new TaskLayout(Tasks.write(workDir, assigned))
        taskIds << assigned.taskId()
        Process executor = startExecutor(layout, [BOREALIS_TASK_USER: 'executor',
                (AgentLiveness.VARIABLE): alive.toString()])
        new PollingConditions(timeout: 15, delay: 0.05).eventually {
            assert replay(layout).processes()['server']?.last()?.state() == ProcessState.RUNNING
        }

        when: 'five timeouts go by'
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5)
        List<TaskState> seen = []
        while (System.nanoTime() < until) {
            seen << replay(layout).state()
            Thread.sleep(100)
        }

        then: 'the task stayed ACTIVE all along'
        executor.alive
        seen.toSet() == [TaskState.ACTIVE] as Set

        when: 'the agent falls silent'
        beating.set(false)
        agent.join()

        then: 'the task stops (so the watch was really watching)'
        executor.waitFor(30, TimeUnit.SECONDS)
        replay(layout).state() == TaskState.KILLED
        replay(layout).message().startsWith('agent unreachable for ')

        cleanup:
        beating.set(false)
    }

    def "a wrong command line exits 2 with a usage line"() {
        when:
        Process executor = new ProcessBuilder(javaCommand()).redirectErrorStream(true).start()
        executors << executor
        String output = executor.inputStream.text

        then:
        executor.waitFor(20, TimeUnit.SECONDS)
        executor.exitValue() == 2
        output.contains('usage: ExecutorMain TASK_ROOT')
    }

    /** Starts the executor as the agent does, with the task's tag in its own environment. */
    private Process startExecutor(TaskLayout layout,
            Map<String, String> environment = [BOREALIS_TASK_USER: 'executor']) {
        ProcessBuilder builder = new ProcessBuilder(javaCommand() + [layout.root().toString()])
                .redirectErrorStream(true)
                .redirectOutput(layout.root().resolve('executor.log').toFile())
        builder.environment().put('BOREALIS_TASK_ID', layout.taskId())
        builder.environment().putAll(environment)
        Process executor = builder.start()
        executors << executor
        executor
    }

    private static List<String> javaCommand() {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        [java, '-XX:+UseSerialGC', '-Xss256k', '-Xmx24m', '-XX:TieredStopAtLevel=1',
         '-XX:-UsePerfData', '-cp', System.getProperty('java.class.path'),
         ExecutorMain.name]
    }

    private static CheckpointState replay(TaskLayout layout) {
        CheckpointState.replay(CheckpointLog.read(layout.checkpoint()))
    }
}
