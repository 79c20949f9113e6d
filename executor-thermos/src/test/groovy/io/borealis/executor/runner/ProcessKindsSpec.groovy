package io.borealis.executor.runner

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.executor.testing.Procs
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

/** Daemons, ephemerals and finalizers, with Thermos's semantics. */
class ProcessKindsSpec extends Specification {
    @TempDir
    Path workDir

    RunnerHarness harness

    def setup() {
        harness = new RunnerHarness(workDir)
    }

    def cleanup() {
        harness.cleanup()
    }

    def "a daemon is run again after it succeeds, until it has failed max_failures times"() {
        // Succeeds twice, then fails: with max_failures 1 the third run is its last.
        when:
        def run = harness.run(task([process('daemon',
                'echo x >> runs; [ $(wc -l < runs) -lt 3 ]', daemon: true, maxFailures: 1)]))

        then:
        run.await() == TaskState.FAILED
        run.state().processes()['daemon']*.state() ==
                [ProcessState.SUCCESS, ProcessState.SUCCESS, ProcessState.FAILED]
        run.state().message() == "process 'daemon' failed: exit status 1"
    }

    def "an ephemeral process does not hold the task open and is killed when the regular processes end"() {
        when:
        def run = harness.run(task([
                process('sidecar', 'touch sidecar.up; sleep 1000', ephemeral: true),
                process('main', 'for i in $(seq 100); do [ -e sidecar.up ] && exit 0; sleep 0.1; done; exit 1')]))

        then:
        run.await() == TaskState.SUCCESS
        run.state().latestRun('main').get().state() == ProcessState.SUCCESS
        run.state().latestRun('sidecar').get().state() == ProcessState.KILLED
        Procs.ofTask(run.task.taskId()).isEmpty()
    }

    def "an ephemeral process that exhausts its failures counts as finished, not failed"() {
        when:
        def run = harness.run(task([
                process('helper', 'exit 4', ephemeral: true, maxFailures: 2),
                // Waits for the checkpoint (beside the sandbox) to show the helper's last failure.
                process('main', """until grep -q '"process":"helper","run":1,"state":"FAILED"' ../runner.ckpt; do sleep 0.05; done""")]))

        then:
        run.await() == TaskState.SUCCESS
        run.state().processes()['helper']*.state() == [ProcessState.FAILED, ProcessState.FAILED]
    }

    def "final processes run in their own order after the regular processes end"() {
        when:
        def run = harness.run(task([
                process('work', 'echo work >> trail'),
                process('flush', 'echo flush >> trail', isFinal: true),
                process('report', 'echo report >> trail', isFinal: true)],
                order: [['flush', 'report']]))

        then:
        run.await() == TaskState.SUCCESS
        run.sandbox().resolve('trail').toFile().readLines() == ['work', 'flush', 'report']
        run.taskStates() == [TaskState.ACTIVE, TaskState.CLEANING, TaskState.FINALIZING,
                             TaskState.SUCCESS]
    }

    def "final processes run after the task failed, and it stays FAILED"() {
        when:
        def run = harness.run(task([
                process('work', 'exit 7'),
                process('cleanup', 'echo cleaned > cleaned', isFinal: true)]))

        then:
        run.await() == TaskState.FAILED
        run.state().message() == "process 'work' failed: exit status 7"
        run.sandbox().resolve('cleaned').toFile().text == 'cleaned\n'
    }

    def "final processes run after a kill, and the task is KILLED"() {
        given:
        def running = harness.start(task([
                process('server', 'sleep 1000'),
                process('goodbye', 'echo goodbye > goodbye', isFinal: true)]))
        new PollingConditions(timeout: 10).eventually {
            assert running.state().latestRun('server').map { it.state() }.orElse(null) == ProcessState.RUNNING
        }

        when:
        running.runner.kill('killed by the spec')

        then:
        running.await() == TaskState.KILLED
        running.sandbox().resolve('goodbye').toFile().text == 'goodbye\n'
        running.state().latestRun('server').get().state() == ProcessState.KILLED
        running.state().latestRun('goodbye').get().state() == ProcessState.SUCCESS
        running.state().message() == 'killed by the spec'
    }

    def "a final process that outlives the finalization wait is killed"() {
        when:
        def run = harness.run(task([
                process('work', 'true'),
                process('slow', 'sleep 1000', isFinal: true)], finalizationWaitSecs: 1))

        then:
        run.await() == TaskState.SUCCESS
        run.state().latestRun('slow').get().state() == ProcessState.KILLED
        run.state().message() == '1 process succeeded; final processes did not finish within 1s'
        Procs.ofTask(run.task.taskId()).isEmpty()
    }

    def "a kill before the first process started still records KILLED"() {
        when:
        def running = harness.start(task([process('never', 'touch ran')]))
        running.runner.kill('killed early')

        then:
        running.await() == TaskState.KILLED
    }
}
