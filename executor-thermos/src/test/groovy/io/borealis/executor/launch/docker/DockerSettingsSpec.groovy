package io.borealis.executor.launch.docker

import spock.lang.Specification

import java.time.Duration

class DockerSettingsSpec extends Specification {
    def "without settings the engine is the local Docker socket and missing images are pulled"() {
        expect:
        DockerSettings.fromEnvironment([:]) == new DockerSettings(
                URI.create('unix:///var/run/docker.sock'), DockerSettings.PullPolicy.MISSING, Duration.ofMinutes(5))
    }

    def "DOCKER_HOST and the pull settings are read from the environment"() {
        expect:
        DockerSettings.fromEnvironment([DOCKER_HOST: 'unix:///tmp/p/podman.sock',
                BOREALIS_DOCKER_PULL: 'Never', BOREALIS_DOCKER_PULL_TIMEOUT_SECS: '30']) ==
                new DockerSettings(URI.create('unix:///tmp/p/podman.sock'), DockerSettings.PullPolicy.NEVER,
                        Duration.ofSeconds(30))
    }

    def "a malformed #variable is refused with a message naming it"() {
        when:
        DockerSettings.fromEnvironment([(variable): value])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        variable                            | value        | message
        'DOCKER_HOST'                       | '/var/run/d' | "DOCKER_HOST '/var/run/d' has no scheme; use unix:///PATH or tcp://HOST:PORT"
        'DOCKER_HOST'                       | 'unix:// x'  | "DOCKER_HOST 'unix:// x' is not a URI such as unix:///var/run/docker.sock"
        'BOREALIS_DOCKER_PULL'              | 'always'     | "BOREALIS_DOCKER_PULL 'always' is not one of: missing, never"
        'BOREALIS_DOCKER_PULL_TIMEOUT_SECS' | '0'          | "BOREALIS_DOCKER_PULL_TIMEOUT_SECS '0' is not a positive number of seconds"
        'BOREALIS_DOCKER_PULL_TIMEOUT_SECS' | 'soon'       | "BOREALIS_DOCKER_PULL_TIMEOUT_SECS 'soon' is not a positive number of seconds"
    }
}
