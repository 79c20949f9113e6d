package io.borealis.executor.launch

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.TaskState
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class LogRotationSpec extends Specification {
    @TempDir
    Path workDir

    RunnerHarness harness

    def setup() {
        harness = new RunnerHarness(workDir)
    }

    def cleanup() {
        harness.cleanup()
    }

    def "a rotating log keeps at most log_size bytes per file and the newest backups"() {
        given: '100 numbered lines of 100 bytes on stdout, one line on stderr; 1000 bytes per file, 2 backups'
        def logger = new Logger(LoggerDestination.FILE, LoggerMode.ROTATE, 1000, 2)
        def script = 'for i in $(seq 1 100); do printf "%099d\\n" $i; done; echo oops >&2'

        when:
        def running = harness.run(task([process('chatty', script, logger: logger)]))
        File dir = running.layout.logDir('chatty', 0).toFile()

        then:
        running.await() == TaskState.SUCCESS
        dir.list().toList().sort() == ['stderr', 'stdout', 'stdout.1', 'stdout.2']
        ['stdout', 'stdout.1', 'stdout.2'].every { new File(dir, it).length() == 1000 }
        // the newest 30 lines survive, oldest in the last backup
        (new File(dir, 'stdout.2').text + new File(dir, 'stdout.1').text + new File(dir, 'stdout').text) ==
                (71..100).collect { String.format('%099d\n', it) }.join('')
        new File(dir, 'stderr').text == 'oops\n'
    }

    def "with no backups a full log starts over"() {
        given:
        def logger = new Logger(LoggerDestination.FILE, LoggerMode.ROTATE, 1000, 0)
        String output = (1..1000).join('\n') + '\n'

        when:
        def running = harness.run(task([process('chatty', 'seq 1 1000', logger: logger)]))

        then:
        running.await() == TaskState.SUCCESS
        running.layout.logDir('chatty', 0).toFile().list().toList().sort() == ['stderr', 'stdout']
        running.stdout('chatty') == output.substring(3000)
    }

    def "a standard log is written by the OS without rotation"() {
        when:
        def running = harness.run(task([process('chatty', 'seq 1 3000')]))

        then:
        running.await() == TaskState.SUCCESS
        running.layout.logDir('chatty', 0).toFile().list().toList().sort() == ['stderr', 'stdout']
        running.stdout('chatty') == (1..3000).join('\n') + '\n'
    }
}
