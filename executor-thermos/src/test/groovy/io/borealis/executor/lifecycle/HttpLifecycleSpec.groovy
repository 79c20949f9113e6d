package io.borealis.executor.lifecycle

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.model.HttpLifecycleConfig
import io.borealis.executor.testing.RecordingServer
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

class HttpLifecycleSpec extends Specification {
    @TempDir
    Path workDir

    RunnerHarness harness
    RecordingServer server = new RecordingServer()
    def conditions = new PollingConditions(timeout: 15, delay: 0.05)
    def lifecycle = new HttpLifecycleConfig('health', ['/quitquitquit'], ['/abortabortabort'], 1, 1)

    /**
     * Records the time of its SIGTERM (microseconds, from a bash builtin: a child such as
     * {@code date} could itself be caught by the executor's sweep of the task's processes), then
     * leaves; says when its trap is set.
     */
    static final String STUBBORN = '''trap 'echo "${EPOCHREALTIME/./}" > terminated; exit 0' TERM; touch ready; sleep 1000 & wait'''

    def setup() {
        harness = new RunnerHarness(workDir)
    }

    /** The lifecycle's calls; the task's default HTTP health check also GETs /health. */
    List<String> posts() {
        server.callNames().findAll { it.startsWith('POST') }
    }

    def cleanup() {
        server.close()
        harness.cleanup()
    }

    def "a killed task's endpoints are POSTed in order, each followed by its wait, before SIGTERM"() {
        given:
        server.answer['/quitquitquit'] = [200, 'ok']
        server.answer['/abortabortabort'] = [200, 'ok']
        def running = harness.start(task([process('server', STUBBORN)], ports: [health: server.port],
                lifecycle: lifecycle))
        conditions.eventually {
            assert running.sandbox().resolve('ready').toFile().exists()
        }

        when:
        running.runner.kill('killed: test')

        then:
        running.await() == TaskState.KILLED
        posts() == ['POST /quitquitquit', 'POST /abortabortabort']
        long quit = server.timeOf('POST /quitquitquit')
        long abort = server.timeOf('POST /abortabortabort')
        long terminated = (running.sandbox().resolve('terminated').toFile().text.trim() as long).intdiv(1000)
        abort - quit >= 1000   // graceful_shutdown_wait_secs
        terminated - abort >= 1000 // shutdown_wait_secs
        running.state().latestRun('server').get().state() == ProcessState.KILLED
    }

    def "a task that leaves after the graceful endpoint gets neither the shutdown endpoint nor a signal"() {
        given: 'a process that exits once its /quitquitquit has been called'
        server.answer['/quitquitquit'] = [200, 'ok']
        def running = harness.start(task([process('server', '''
                trap 'touch terminated' TERM
                touch ready
                while [ ! -f quit ]; do sleep 0.05; done''')], ports: [health: server.port], lifecycle: lifecycle))
        server.onCall['/quitquitquit'] = { running.sandbox().resolve('quit').toFile().text = 'now' }
        conditions.eventually {
            assert running.sandbox().resolve('ready').toFile().exists()
        }

        when:
        running.runner.kill('killed: test')

        then:
        running.await() == TaskState.KILLED
        posts() == ['POST /quitquitquit']
        !running.sandbox().resolve('terminated').toFile().exists()
        with(running.state().latestRun('server').get()) {
            state() == ProcessState.KILLED
            exitCode() == 0
        }
    }

    def "without the named port no endpoint is called"() {
        given:
        def running = harness.start(task([process('server', STUBBORN)], ports: [http: server.port],
                lifecycle: lifecycle))
        conditions.eventually {
            assert running.sandbox().resolve('ready').toFile().exists()
        }

        when:
        running.runner.kill('killed: test')

        then:
        running.await() == TaskState.KILLED
        posts().isEmpty()
        running.sandbox().resolve('terminated').toFile().exists()
    }
}
