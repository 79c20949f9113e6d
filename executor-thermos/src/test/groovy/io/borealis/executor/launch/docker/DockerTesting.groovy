package io.borealis.executor.launch.docker

import com.github.dockerjava.api.DockerClient
import com.github.dockerjava.api.exception.NotFoundException
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.DockerContainer
import io.borealis.api.model.DockerParameter
import io.borealis.api.model.TaskConfig

import java.nio.file.Files
import java.nio.file.Path

/**
 * The Docker engine the specs run against: the one DOCKER_HOST names (CI points it at the
 * Podman service of .ci/podman-setup), with the test image built locally when it is missing.
 */
final class DockerTesting {
    static final String IMAGE = System.getenv('BOREALIS_TEST_IMAGE') ?: 'localhost/borealis-busybox:latest'
    static final String MISSING_IMAGE = 'localhost/borealis-no-such-image:latest'

    private static Boolean available

    private DockerTesting() {}

    static DockerSettings settings() {
        DockerSettings.fromEnvironment(System.getenv())
    }

    /** Whether an engine answers at DOCKER_HOST (for Spock's @Requires). Asked once. */
    static synchronized boolean available() {
        if (available == null) {
            try {
                DockerEngine.connect(settings()).withCloseable { DockerClient client ->
                    client.pingCmd().exec()
                    ensureImage(client)
                }
                available = true
            } catch (Exception e) {
                System.err.println("Docker specs skipped: no engine at ${System.getenv('DOCKER_HOST') ?: DockerSettings.DEFAULT_HOST}: ${e.message}")
                available = false
            }
        }
        available
    }

    /**
     * Imports the test image from the host's busybox-static binary when the engine lacks it,
     * the same way .ci/podman-setup builds it.
     */
    static void ensureImage(DockerClient client) {
        try {
            client.inspectImageCmd(IMAGE).exec()
            return
        } catch (NotFoundException ignored) {
            // build it below
        }
        Path busybox = Path.of('/bin/busybox')
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("the engine has no ${IMAGE} and /bin/busybox is missing " +
                    "to build it: apt-get install busybox-static, or run .ci/podman-setup")
        }
        Path rootfs = Files.createTempDirectory('borealis-image')
        try {
            Files.createDirectories(rootfs.resolve('bin'))
            Files.createDirectories(rootfs.resolve('tmp'))
            Files.copy(busybox, rootfs.resolve('bin/busybox'))
            DockerTesting.getResourceAsStream('/docker/busybox-applets.txt').readLines()
                    .findAll { it && !it.startsWith('#') }
                    .each { Files.createSymbolicLink(rootfs.resolve("bin/${it.trim()}"), Path.of('busybox')) }
            Path tar = rootfs.resolveSibling("${rootfs.fileName}.tar")
            def process = new ProcessBuilder('tar', '-C', rootfs.toString(), '-cf', tar.toString(), '.')
                    .inheritIO().start()
            assert process.waitFor() == 0
            int colon = IMAGE.lastIndexOf(':')
            tar.withInputStream { input ->
                client.createImageCmd(IMAGE.substring(0, colon), input).withTag(IMAGE.substring(colon + 1)).exec()
            }
            Files.delete(tar)
        } finally {
            rootfs.toFile().deleteDir()
        }
    }

    /** {@code task} with its job running in a container of {@code image}. */
    static AssignedTask inContainer(AssignedTask task, String image = IMAGE,
            List<DockerParameter> parameters = []) {
        TaskConfig c = task.task()
        def config = new TaskConfig(c.job(), c.isService(), c.priority(), c.production(), c.tier(),
                c.maxTaskFailures(), c.resources(), c.constraints(), c.requestedPorts(), c.task(),
                new DockerContainer(image, parameters, []), c.metadata(), c.contact(), c.announce(),
                c.partitionPolicy(), c.slaPolicy())
        new AssignedTask(task.taskId(), task.agentId(), task.agentHost(), config, task.assignedPorts(),
                task.instanceId())
    }
}
