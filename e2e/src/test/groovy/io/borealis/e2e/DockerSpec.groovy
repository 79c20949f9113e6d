package io.borealis.e2e

import com.github.dockerjava.api.exception.NotFoundException
import groovy.json.JsonSlurper
import io.borealis.executor.launch.docker.DockerEngine
import io.borealis.executor.launch.docker.DockerSettings
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * Jobs with {@code container: Docker(image: ...)} through the whole cluster (client, scheduler,
 * agent, executor, observer) against the real engine at DOCKER_HOST: in CI, the Podman service
 * that .ci/podman-setup starts, with its busybox test image. Skipped when no engine answers.
 */
@Stepwise
@Requires({ DockerSpec.engineAnswers() })
class DockerSpec extends Specification {
    static final String IMAGE = 'localhost/borealis-busybox:latest'
    static final String HELLO = 'devcluster/www-data/prod/hello_docker'
    static final String HTTP = 'devcluster/www-data/prod/http_docker'
    static final String MISSING = 'devcluster/www-data/prod/missing_image'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    String helloTaskId

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    static boolean engineAnswers() {
        try {
            DockerEngine.connect(DockerSettings.fromEnvironment(System.getenv())).withCloseable {
                it.pingCmd().exec()
            }
            true
        } catch (Exception e) {
            System.err.println("DockerSpec skipped: no Docker engine at DOCKER_HOST: ${e.message}")
            false
        }
    }

    def setupSpec() {
        DockerEngine.connect(DockerSettings.fromEnvironment(System.getenv())).withCloseable {
            try {
                it.inspectImageCmd(IMAGE).exec()
            } catch (NotFoundException e) {
                throw new IllegalStateException("the engine at DOCKER_HOST has no ${IMAGE}; .ci/podman-setup builds it", e)
            }
        }
        // The agent passes its environment, DOCKER_HOST included, on to every executor.
        cluster = new LocalCluster(home).start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    def "hello runs in a container and its stdout reaches the observer"() {
        when:
        def created = cluster.borealis('job', 'create', HELLO, 'examples/docker/hello.groovy')

        then:
        created.exit == 0
        conditions.eventually {
            def status = cluster.status(HELLO)
            assert status.active.size() == 1
            assert status.active[0].status == 'RUNNING'
        }

        when:
        helloTaskId = cluster.status(HELLO).active[0].taskId

        then: 'the shell that printed it is busybox, the image has no bash'
        conditions.eventually {
            assert cluster.get("${cluster.observerUrl}/file/${helloTaskId}/.logs/hello/0/stdout")
                    .contains('hello world from busybox')
        }
        container(helloTaskId) != null
    }

    def "killall ends the task KILLED, with its container and processes gone"() {
        when:
        def killed = cluster.borealis('job', 'killall', HELLO)

        then:
        killed.exit == 0
        conditions.eventually {
            def status = cluster.status(HELLO)
            assert status.active == []
            assert status.inactive.find { it.taskId == helloTaskId }?.status == 'KILLED'
        }
        conditions.eventually {
            assert container(helloTaskId) == null
            assert LocalCluster.processesWith('BOREALIS_TASK_ID', helloTaskId).isEmpty()
        }
    }

    def "an http server in a container answers on its assigned port from the host"() {
        when:
        def created = cluster.borealis('job', 'create', HTTP, 'examples/docker/http_server.groovy')

        then:
        created.exit == 0
        String taskId = null
        conditions.eventually {
            def status = cluster.status(HTTP)
            assert status.active.size() == 1
            assert status.active[0].status == 'RUNNING'
            taskId = status.active[0].taskId
        }

        when: 'the port the agent assigned to the task that was seen RUNNING'
        def taskFile = cluster.agentWorkDir.resolve("tasks/${taskId}/task.json")
        conditions.eventually {
            assert Files.exists(taskFile): "no ${taskFile}; the job is now ${cluster.status(HTTP)}"
        }
        def task = new JsonSlurper().parse(taskFile.toFile())
        int port = task.assignedPorts.http as int

        then:
        conditions.eventually {
            assert cluster.get("http://127.0.0.1:${port}/index.html") == 'hello from instance 0\n'
        }

        when:
        def killed = cluster.borealis('job', 'killall', HTTP)

        then:
        killed.exit == 0
        conditions.eventually {
            assert cluster.status(HTTP).inactive.find { it.taskId == taskId }?.status == 'KILLED'
            assert container(taskId) == null
        }
    }

    def "a job naming a missing image ends FAILED with the engine's error in its events"() {
        when:
        def created = cluster.borealis('job', 'create', MISSING, 'examples/docker/missing_image.groovy')

        then:
        created.exit == 0
        conditions.eventually {
            def status = cluster.status(MISSING)
            assert status.active == []
            def task = status.inactive[0]
            assert task.status == 'FAILED'
            def failed = task.events.find { it.status == 'FAILED' }
            assert failed.message.contains('cannot start container: no such image: localhost/borealis-no-such-image:latest')
            assert !task.events*.status.contains('RUNNING')
        }
    }

    /** The task's container as the engine sees it, or null when there is none. */
    static container(String taskId) {
        DockerEngine.connect(DockerSettings.fromEnvironment(System.getenv())).withCloseable {
            try {
                it.inspectContainerCmd("borealis-${taskId}").exec()
            } catch (NotFoundException ignored) {
                null
            }
        }
    }
}
