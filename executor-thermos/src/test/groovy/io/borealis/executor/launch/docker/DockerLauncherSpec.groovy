package io.borealis.executor.launch.docker

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.executor.testing.Procs
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/**
 * Tasks in Docker containers against the real engine at DOCKER_HOST (Podman in CI), with the
 * busybox test image: no bash, Java or Python in it.
 */
@Requires({ DockerTesting.available() })
class DockerLauncherSpec extends Specification {
    @TempDir
    Path workDir

    DockerHarness harness
    def conditions = new PollingConditions(timeout: 20, delay: 0.1)

    def setup() {
        harness = new DockerHarness(workDir)
    }

    def cleanup() {
        harness.close()
    }

    def "hello runs inside the container and its stdout lands in the sandbox's log"() {
        given:
        def hello = DockerTesting.inContainer(task([process('hello',
                'echo "hello from $(readlink /bin/sh)"; echo "task $BOREALIS_TASK_ID"; echo oops >&2; pwd')]))

        when:
        def run = harness.start(hello)

        then:
        run.await() == TaskState.SUCCESS
        run.stdout('hello') == "hello from busybox\ntask ${hello.taskId()}\n${run.layout.sandbox()}\n"
        run.layout.stderr('hello', 0).toFile().text == 'oops\n'
        run.processUpdates('hello')*.state() ==
                [ProcessState.WAITING, ProcessState.FORKED, ProcessState.RUNNING, ProcessState.SUCCESS]

        and: 'the container is gone with the task'
        harness.container(hello) == null
    }

    def "a process's exit status and sequence are kept, and the profile is sourced"() {
        given:
        def failing = DockerTesting.inContainer(task([
                process('profile', 'echo "GREETING=$GREETING" > greeting'),
                process('fail', 'exit 3')], order: [['profile', 'fail']]))
        Path sandbox = workDir.resolve('tasks').resolve(failing.taskId()).resolve('sandbox')
        sandbox.toFile().mkdirs()
        sandbox.resolve('.thermos_profile').toFile().text = 'GREETING=from-profile\n'

        when:
        def run = harness.start(failing)

        then:
        run.await() == TaskState.FAILED
        run.message() == "process 'fail' failed: exit status 3"
        run.processUpdates('fail').last().exitCode() == 3
        sandbox.resolve('greeting').toFile().text == 'GREETING=from-profile\n'
    }

    def "an http server on thermos.ports[http] answers from the host; kill stops it and the container"() {
        given:
        int port = new ServerSocket(0).withCloseable { it.localPort }
        def web = DockerTesting.inContainer(task([process('web',
                'mkdir -p www && echo served-from-busybox > www/index.html && ' +
                        'exec httpd -f -p {{thermos.ports[http]}} -h www')], ports: [http: port]))
        def http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()

        when:
        def run = harness.start(web)

        then:
        conditions.eventually {
            def response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}/index.html"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
            assert response.statusCode() == 200
            assert response.body() == 'served-from-busybox\n'
        }

        and: 'the container carries the task cpu and ram as limits, on the host network'
        def container = harness.container(web)
        container.hostConfig.memory == 16L * 1024 * 1024
        container.hostConfig.nanoCPUs == 100_000_000L
        container.hostConfig.networkMode == 'host'

        and: 'the checkpoint names the host pid of the server, which carries the task tag'
        def running = run.processUpdates('web').find { it.state() == ProcessState.RUNNING }
        running.pid() > 0
        Procs.ofTask(web.taskId()).contains(running.pid())

        when:
        run.kill('killed by the spec')

        then:
        run.await() == TaskState.KILLED
        run.message() == 'killed by the spec'
        run.processUpdates('web').last().state() == ProcessState.KILLED
        harness.container(web) == null
        Procs.ofTask(web.taskId()).isEmpty()
    }

    def "kill delivers SIGTERM inside the container, so a process's TERM trap runs"() {
        given:
        def trapping = DockerTesting.inContainer(task([process('trap',
                "trap 'echo cleaned-up > bye; exit 0' TERM; echo ready > ready; while :; do sleep 0.1; done")]))

        when:
        def run = harness.start(trapping)
        Path sandbox = run.layout.sandbox()

        then:
        conditions.eventually { assert sandbox.resolve('ready').toFile().exists() }

        when:
        run.kill('stop it')

        then:
        run.await() == TaskState.KILLED
        sandbox.resolve('bye').toFile().text == 'cleaned-up\n'
        harness.container(trapping) == null
    }

    def "a missing image fails the task at once with the engine's reason, and runs nothing"() {
        given:
        def missing = DockerTesting.inContainer(task([process('hello', 'echo never')]),
                DockerTesting.MISSING_IMAGE)

        when:
        def run = harness.start(missing)

        then:
        run.await() == TaskState.FAILED
        run.message().startsWith('cannot start container: ')
        run.message().contains("no such image: ${DockerTesting.MISSING_IMAGE}")
        run.message().contains('pulling it failed: ')
        run.processUpdates('hello').isEmpty()
        harness.container(missing) == null
    }

    def "with pulls turned off a missing image fails without trying the registry"() {
        given:
        harness.environment = System.getenv() + [(DockerSettings.PULL_VARIABLE): 'never']
        def missing = DockerTesting.inContainer(task([process('hello', 'echo never')]),
                DockerTesting.MISSING_IMAGE)

        when:
        def run = harness.start(missing)

        then:
        run.await() == TaskState.FAILED
        run.message() == "cannot start container: no such image: ${DockerTesting.MISSING_IMAGE}: image not known"
    }
}
