package io.borealis.executor.runner

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.executor.testing.Procs
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

class TaskRunnerSpec extends Specification {
    @TempDir
    Path workDir

    RunnerHarness harness

    def setup() {
        harness = new RunnerHarness(workDir)
    }

    def cleanup() {
        harness.cleanup()
    }

    def "a sequential task runs its processes in order, logs them and succeeds"() {
        when:
        def run = harness.run(task([
                process('first', 'echo one >> order; echo out-first; echo err-first >&2'),
                process('second', 'echo two >> order; echo out-second')],
                order: [['first', 'second']]))

        then:
        run.await() == TaskState.SUCCESS
        run.sandbox().resolve('order').toFile().text == 'one\ntwo\n'
        run.stdout('first') == 'out-first\n'
        run.layout.stderr('first', 0).toFile().text == 'err-first\n'
        run.stdout('second') == 'out-second\n'
        run.transitions() == [
                'first/0 WAITING', 'second/0 WAITING',
                'first/0 FORKED', 'first/0 RUNNING', 'first/0 SUCCESS',
                'second/0 FORKED', 'second/0 RUNNING', 'second/0 SUCCESS']
        run.taskStates() == [TaskState.ACTIVE, TaskState.CLEANING, TaskState.SUCCESS]
    }

    def "the checkpoint replays to the task's final state"() {
        when:
        def run = harness.run(task([process('hello', 'exit 0')]))
        def state = run.state()
        def records = run.records()

        then:
        records.first() instanceof CheckpointRecord.Header
        records*.seq() == (1L..records.size()).toList()
        state.header().taskId() == run.task.taskId()
        state.header().executorPid() == 4242L
        state.header().hostname() == 'agent-1'
        state.state() == TaskState.SUCCESS
        state.message() == '1 process succeeded'
        with(state.latestRun('hello').get()) {
            it.state() == ProcessState.SUCCESS
            exitCode() == 0
            pid() > 0
            startTime() > 0
            stopTime() >= startTime()
        }
    }

    def "a process exiting 1 fails the task with its exit status"() {
        when:
        def run = harness.run(task([process('fail', 'echo trying; exit 1')]))

        then:
        run.await() == TaskState.FAILED
        run.state().message() == "process 'fail' failed: exit status 1"
        with(run.state().latestRun('fail').get()) {
            it.state() == ProcessState.FAILED
            exitCode() == 1
            message() == 'exit status 1'
        }
    }

    def "a failed process is retried until it has failed max_failures times"() {
        when:
        def run = harness.run(task([process('flaky', 'echo x >> attempts; exit 3', maxFailures: 3)]))

        then:
        run.await() == TaskState.FAILED
        run.sandbox().resolve('attempts').toFile().readLines().size() == 3
        run.state().processes()['flaky']*.state() == [ProcessState.FAILED] * 3
        run.state().message() == "process 'flaky' failed: exit status 3"
    }

    def "a process that succeeds on a retry lets the task succeed"() {
        when:
        def run = harness.run(task([process('second-time-lucky',
                'if [ -e tried ]; then exit 0; fi; touch tried; exit 1', maxFailures: 2)]))

        then:
        run.await() == TaskState.SUCCESS
        run.state().processes()['second-time-lucky']*.state() ==
                [ProcessState.FAILED, ProcessState.SUCCESS]
        run.stdout('second-time-lucky', 1) == ''
    }

    def "a re-run waits min_duration after the previous run ended"() {
        when:
        def run = harness.run(task([process('slow-retry', 'exit 1', maxFailures: 2, minDurationSecs: 1)]))

        then:
        run.await() == TaskState.FAILED
        def runs = run.state().processes()['slow-retry']
        runs*.state() == [ProcessState.FAILED, ProcessState.FAILED]
        // The checkpoint's own timestamps: the second run was forked no sooner than 1 s after
        // the first one ended.
        forkTime(run, 'slow-retry', 1) - runs[0].stopTime() >= 1000
    }

    def "with task max_failures #taskMaxFailures, #failing failing of three processes ends #expected"() {
        given:
        def processes = (0..<3).collect { i -> process("p$i", i < failing ? 'exit 4' : 'exit 0') }

        when:
        def run = harness.run(task(processes, maxFailures: taskMaxFailures))

        then:
        run.await() == expected
        run.state().processes().values()*.last()*.state().count { it == ProcessState.FAILED } == failing

        where:
        taskMaxFailures | failing || expected
        1               | 0       || TaskState.SUCCESS
        1               | 1       || TaskState.FAILED
        2               | 1       || TaskState.SUCCESS
        2               | 2       || TaskState.FAILED
        0               | 3       || TaskState.SUCCESS
    }

    private static long forkTime(run, String process, int runNumber) {
        run.records().find {
            it instanceof CheckpointRecord.ProcessUpdate && it.process() == process &&
                    it.run() == runNumber && it.state() == ProcessState.FORKED
        }.timestamp()
    }

    def "processes without constraints run in parallel"() {
        // Each waits (up to 10 s) for the other to have started: only parallel runs finish.
        when:
        def run = harness.run(task([
                process('a', 'touch a.started; for i in $(seq 100); do [ -e b.started ] && exit 0; sleep 0.1; done; exit 1'),
                process('b', 'touch b.started; for i in $(seq 100); do [ -e a.started ] && exit 0; sleep 0.1; done; exit 1')]))

        then:
        run.await() == TaskState.SUCCESS
    }

    def "max_concurrency 1 runs one process at a time"() {
        def body = { String me -> "[ -e busy ] && exit 1; touch busy; sleep 0.2; rm busy; echo $me >> done" }

        when:
        def run = harness.run(task([process('a', body('a')), process('b', body('b')),
                process('c', body('c'))], maxConcurrency: 1))

        then:
        run.await() == TaskState.SUCCESS
        run.sandbox().resolve('done').toFile().readLines() == ['a', 'b', 'c']
    }

    def "executor templates are resolved in command lines"() {
        when:
        def run = harness.run(task([process('show',
                'echo {{thermos.ports[http]}} {{thermos.task_id}} {{thermos.user}} {{mesos.instance}} {{ mesos.hostname }}')],
                ports: [http: 31337], instance: 3, host: 'node-7'))

        then:
        run.await() == TaskState.SUCCESS
        run.stdout('show') == "31337 ${run.task.taskId()} www-data 3 node-7\n"
        run.state().header().instance() == 3
        run.state().header().ports() == [http: 31337]
    }

    def "an announcer alias is the port it names, through other aliases; a static entry is its number"() {
        when: 'the scheduler assigned http only (and admin too, as clients before aliases asked it to)'
        def run = harness.run(task([process('show',
                'echo {{thermos.ports[admin]}} {{thermos.ports[http]}} {{thermos.ports[debug]}} {{thermos.ports[metrics]}}')],
                ports: [http: 31337, admin: 31338],
                portmap: [admin: 'http', debug: 'admin', metrics: '9100']))

        then:
        run.await() == TaskState.SUCCESS
        run.stdout('show') == "31337 31337 31337 9100\n"
        run.state().header().ports() == [http: 31337, admin: 31337, debug: 31337, metrics: 9100]
    }

    def "an unknown template reference fails the task before anything runs"() {
        when:
        def run = harness.run(task([process('ok', 'touch ran'),
                process('bad', 'echo {{thermos.ports[admin]}} {{thermos.nope}}')], ports: [http: 1]))

        then:
        run.await() == TaskState.FAILED
        run.state().message() == "cannot run task: process 'bad': no port named 'admin' for " +
                "{{thermos.ports[admin]}} (assigned ports: [http]); process 'bad': unknown " +
                "template reference {{thermos.nope}}"
        run.transitions().isEmpty()
        !run.sandbox().resolve('ran').toFile().exists()
    }

    def "a task whose order constraints form a cycle fails with a message naming them"() {
        when:
        def run = harness.run(task([process('a', 'true'), process('b', 'true')],
                order: [['a', 'b'], ['b', 'a']]))

        then:
        run.await() == TaskState.FAILED
        run.state().message() == 'cannot run task: order constraints form a cycle: a -> b -> a'
    }

    def "a process whose predecessor failed never runs and the task fails"() {
        when:
        def run = harness.run(task([process('a', 'exit 2'), process('b', 'touch ran')],
                order: [['a', 'b']], maxFailures: 2))

        then:
        run.await() == TaskState.FAILED
        run.state().message() == "process 'b' can never run: process 'a' failed: exit status 2"
        !run.sandbox().resolve('ran').toFile().exists()
        run.state().latestRun('b').get().state() == ProcessState.KILLED
    }

    def "killing a task stops every process and its children, and records KILLED"() {
        given:
        def running = harness.start(task([
                process('server', 'sleep 1000 & sleep 1000'),
                process('trapper', "trap 'echo bye > trapped; exit 0' TERM; sleep 1000 & wait"),
                process('escaper', 'setsid bash -c "sleep 1000" & sleep 1000')]))
        def conditions = new PollingConditions(timeout: 10)

        expect:
        conditions.eventually {
            assert running.state().processes().values().every { it.last().state() == ProcessState.RUNNING }
            assert Procs.ofTask(running.task.taskId()).size() >= 7
        }

        when:
        running.runner.kill('killed by the spec')

        then:
        running.await() == TaskState.KILLED
        running.state().message() == 'killed by the spec'
        running.state().processes().values().every { it.last().state() == ProcessState.KILLED }
        running.sandbox().resolve('trapped').toFile().text == 'bye\n'
        Procs.ofTask(running.task.taskId()).isEmpty()
        running.taskStates() == [TaskState.ACTIVE, TaskState.CLEANING, TaskState.KILLED]
    }

    def "a new executor marks the runs of one that died LOST and numbers its own runs after them"() {
        given: 'the checkpoint of an executor that died while process hello run 0 was running'
        def assigned = task([process('hello', 'echo again')])
        def root = io.borealis.executor.testing.Tasks.write(workDir, assigned)
        def log = io.borealis.api.checkpoint.CheckpointLog.openForAppend(root.resolve('runner.ckpt'))
        log.append(new CheckpointRecord.Header(1, 1, assigned.taskId(), 'agent-1', 'u', 1, 0, [:]))
        log.append(new CheckpointRecord.TaskUpdate(2, 2, TaskState.ACTIVE, null))
        log.append(new CheckpointRecord.ProcessUpdate(3, 3, 'hello', 0, ProcessState.RUNNING, 99999999L, null, null))
        log.close()

        when:
        def run = harness.run(assigned)

        then:
        run.await() == TaskState.SUCCESS
        run.state().processes()['hello']*.state() == [ProcessState.LOST, ProcessState.SUCCESS]
        run.stdout('hello', 1) == 'again\n'
        run.records()*.seq() == (1L..run.records().size()).toList()
    }
}
