package io.borealis.executor.launch.docker

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.model.DockerParameter
import spock.lang.Specification

import java.nio.file.Path

class ContainerSpecSpec extends Specification {
    def "the container takes the task's image, resources, tag and sandbox"() {
        given:
        def assigned = DockerTesting.inContainer(task([process('hello', 'echo hi')]), 'debian:12')

        when:
        def spec = ContainerSpec.of(assigned, Path.of('/work/tasks/t/sandbox'))

        then:
        spec.name() == "borealis-${assigned.taskId()}"
        spec.image() == 'debian:12'
        spec.sandbox() == Path.of('/work/tasks/t/sandbox')
        spec.memoryBytes() == 16L * 1024 * 1024
        spec.nanoCpus() == 100_000_000L
        spec.environment() == [BOREALIS_TASK_ID: assigned.taskId()]
        spec.labels() == [(ContainerSpec.TASK_LABEL): assigned.taskId()]
        spec.user() == null
    }

    def "env, label and user parameters reach the container"() {
        given:
        def assigned = DockerTesting.inContainer(task([process('hello', 'echo hi')]), 'debian:12', [
                new DockerParameter('env', 'MODE=test=1'), new DockerParameter('label', 'team=infra'),
                new DockerParameter('user', '1000:1000')])

        when:
        def spec = ContainerSpec.of(assigned, Path.of('/sandbox'))

        then:
        spec.environment() == [BOREALIS_TASK_ID: assigned.taskId(), MODE: 'test=1']
        spec.labels() == [(ContainerSpec.TASK_LABEL): assigned.taskId(), team: 'infra']
        spec.user() == '1000:1000'
    }

    def "unsupported or malformed parameters are refused together, each named"() {
        given:
        def assigned = DockerTesting.inContainer(task([process('hello', 'echo hi')]), 'debian:12', [
                new DockerParameter('privileged', 'true'), new DockerParameter('env', 'NOVALUE')])

        when:
        ContainerSpec.of(assigned, Path.of('/sandbox'))

        then:
        def e = thrown(ContainerException)
        e.message == "unsupported Docker parameter 'privileged' (supported: env, label, user); " +
                "Docker parameter 'env' needs NAME=VALUE, not 'NOVALUE'"
    }
}
