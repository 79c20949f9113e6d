package io.borealis.executor.health

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.model.HealthCheckConfig
import io.borealis.api.model.HttpHealthChecker
import io.borealis.api.model.ShellHealthChecker
import io.borealis.executor.testing.RecordingServer
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

class HealthCheckSpec extends Specification {
    @TempDir
    Path workDir

    RunnerHarness harness
    RecordingServer server = new RecordingServer()
    def conditions = new PollingConditions(timeout: 15, delay: 0.05)

    def setup() {
        harness = new RunnerHarness(workDir)
    }

    def cleanup() {
        server.close()
        harness.cleanup()
    }

    static HealthCheckConfig http(Map options = [:]) {
        new HealthCheckConfig(new HttpHealthChecker('/health', 'ok', 0), null,
                (options.initial ?: 0) as double, (options.interval ?: 0.1) as double,
                (options.maxFailures ?: 0) as int, (options.minSuccesses ?: 1) as int, 1.0)
    }

    def "an HTTP-checked task is healthy only once its health port answers ok"() {
        given: 'a health port that answers 503 for now, and a check with plenty of patience'
        server.answer['/health'] = [503, 'starting']
        def running = harness.start(task([process('server', 'sleep 1000')],
                ports: [health: server.port], healthCheck: http(maxFailures: 1000)))

        expect: 'several failed checks leave the task ACTIVE but not healthy'
        conditions.eventually {
            assert server.callNames().count { it == 'GET /health' } >= 3
        }
        running.state().state() == TaskState.ACTIVE
        !running.state().isHealthy()
        running.healthRecords() ==
                ["not healthy: waiting for the health check: GET http://localhost:${server.port}/health".toString()]

        when: 'the port starts answering ok'
        server.answer['/health'] = [200, ' OK\n']

        then:
        conditions.eventually {
            assert running.state().healthy() == true
        }
        running.healthRecords()[1] == "healthy: health check passed (GET http://localhost:${server.port}/health)".toString()

        when:
        running.runner.kill('killed: test')

        then:
        running.await() == TaskState.KILLED
    }

    def "a task that turns unhealthy is killed and ends FAILED, saying so"() {
        given:
        server.answer['/health'] = [200, 'ok']
        def running = harness.start(task([process('server', 'sleep 1000')],
                ports: [health: server.port], healthCheck: http(maxFailures: 1)))
        conditions.eventually {
            assert running.state().healthy() == true
        }

        when: 'the health port starts failing'
        server.answer['/health'] = [500, 'broken']

        then: 'after more than max_consecutive_failures failures the task is killed'
        running.await() == TaskState.FAILED
        with(running.state()) {
            message() == "Failed health check! GET http://localhost:${server.port}/health answered 500, expected 2xx".toString()
            !isHealthy()
            latestRun('server').get().state() == ProcessState.KILLED
        }
        running.taskStates() == [TaskState.ACTIVE, TaskState.CLEANING, TaskState.FAILED]
    }

    def "a wrong answer body fails the check"() {
        given:
        server.answer['/health'] = [200, 'not ok']
        def running = harness.start(task([process('server', 'sleep 1000')],
                ports: [health: server.port], healthCheck: http()))

        expect:
        running.await() == TaskState.FAILED
        running.state().message() == "Failed health check! GET http://localhost:${server.port}/health answered 'not ok', expected 'ok'".toString()
    }

    def "a shell check passes once the task is ready, and runs in the sandbox"() {
        given:
        def config = new HealthCheckConfig(null, new ShellHealthChecker('test -f ready'), 10, 0.1, 0, 1, 1)
        def running = harness.start(task([process('server', 'sleep 0.5; touch ready; sleep 1000')],
                healthCheck: config))

        expect:
        conditions.eventually {
            assert running.state().healthy() == true
        }
        running.healthRecords() == ["not healthy: waiting for the health check: shell command 'test -f ready'",
                                    "healthy: health check passed (shell command 'test -f ready')"]

        cleanup:
        running.runner.kill('killed: test')
        running.await()
    }

    def "a shell check that never passes fails the task when its attempts run out"() {
        given:
        def config = new HealthCheckConfig(null, new ShellHealthChecker('exit 3'), 0.2, 0.1, 1, 1, 1)

        when:
        def running = harness.run(task([process('server', 'sleep 1000')], healthCheck: config))

        then:
        running.await() == TaskState.FAILED
        running.state().message() == "Failed health check! shell command 'exit 3' exited with status 3"
    }

    def "a task with neither a health port nor a shell check is healthy once it runs"() {
        when:
        def running = harness.run(task([process('hello', 'echo hi')], healthCheck: http()))

        then:
        running.await() == TaskState.SUCCESS
        running.healthRecords() == ['healthy: no health check: healthy once running']
        running.records().findIndexOf { it instanceof io.borealis.api.checkpoint.CheckpointRecord.Health } <
                running.records().findIndexOf { it instanceof io.borealis.api.checkpoint.CheckpointRecord.TaskUpdate }
    }
}
