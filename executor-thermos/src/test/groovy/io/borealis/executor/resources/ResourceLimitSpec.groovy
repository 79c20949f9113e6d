package io.borealis.executor.resources

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.ResourceUsage
import io.borealis.api.checkpoint.TaskState
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.time.Duration

class ResourceLimitSpec extends Specification {
    @TempDir
    Path workDir

    RunnerHarness harness

    def setup() {
        harness = new RunnerHarness(workDir)
        harness.resourceInterval = Duration.ofMillis(100)
    }

    def cleanup() {
        harness.cleanup()
    }

    def "a task over its ram is killed with a message naming the limit, and ends FAILED"() {
        when: 'a process holds about 48 MB in a shell variable, with 16 MB reserved'
        def running = harness.run(task([process('hog',
                '''x=$(head -c 48000000 /dev/zero | tr '\\0' a); sleep 1000''')], ramMb: 16))

        then:
        running.await() == TaskState.FAILED
        running.state().message() ==~ /memory limit exceeded: \d+ MB resident > 16 MB reserved/
        running.state().latestRun('hog').get().state() == ProcessState.KILLED
    }

    def "a task over its disk is killed with a message naming the limit"() {
        when:
        def running = harness.run(task([process('writer', 'head -c 20000000 /dev/zero > big; sleep 1000')],
                diskMb: 16, ramMb: 1024))

        then:
        running.await() == TaskState.FAILED
        running.state().message() == 'disk limit exceeded: 19 MB used in the sandbox > 16 MB reserved'
    }

    def "the task's use is sampled into resources.json while it runs"() {
        given:
        def running = harness.start(task([process('busy', 'head -c 3000000 /dev/zero > data; while true; do :; done')],
                ramMb: 1024, diskMb: 1024))
        def conditions = new PollingConditions(timeout: 10, delay: 0.1)

        expect: 'a busy loop shows as CPU, the file as disk, the shell as memory'
        conditions.eventually {
            ResourceUsage usage = ResourceUsage.read(running.layout.resources()).orElseThrow()
            assert usage.cpu() > 0.2
            assert usage.diskBytes() >= 3_000_000
            assert usage.ramBytes() > 1_000_000
            assert usage.processes() >= 1
            assert usage.ramReservedBytes() == 1024L << 20
        }

        cleanup:
        running.runner.kill('killed: test')
        running.await()
    }
}
