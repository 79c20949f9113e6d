package io.borealis.executor.app

import io.borealis.api.checkpoint.AgentLiveness
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import spock.lang.Specification
import spock.lang.TempDir

/** The watch's decisions, on a clock the specification moves (no waiting). */
class AgentWatchSpec extends Specification {
    @TempDir
    Path dir

    long nanos = 0
    List<String> kills = []

    Path getFile() { dir.resolve('agent/alive') }

    AgentWatch watch() {
        new AgentWatch(file, { nanos }, { kills << it })
    }

    void touch(long timeoutMillis, Instant at) {
        Files.createDirectories(file.parent)
        AgentLiveness.touch(file, Duration.ofMillis(timeoutMillis), at)
    }

    void advance(Duration duration) { nanos += duration.toNanos() }

    def "an agent that touches the file in time keeps the task; one silent past the timeout stops it, once"() {
        given:
        def wall = Instant.parse('2025-01-01T00:00:00Z')
        touch(4000, wall)
        def watch = watch()

        expect: 'each touch within the timeout keeps the task'
        (1..10).every { i ->
            advance(Duration.ofSeconds(3))
            touch(4000, wall.plusSeconds(i))
            !watch.check()
        }
        kills.isEmpty()

        when: 'the agent falls silent for just the timeout'
        advance(Duration.ofSeconds(4))

        then:
        !watch.check()

        when: 'and a little longer'
        advance(Duration.ofMillis(1600))

        then:
        watch.check()
        kills == ["agent unreachable for 6 s; stopping so the scheduler's replacement is the only copy"]

        when: 'the agent comes back too late'
        touch(4000, wall.plusSeconds(60))

        then: 'nothing more happens: the task is already stopping'
        watch.check()
        kills.size() == 1
    }

    def "the timeout is the one the file holds, so a change reaches running executors"() {
        given:
        touch(60_000, Instant.parse('2025-01-01T00:00:00Z'))
        def watch = watch()
        watch.check()

        when:
        advance(Duration.ofSeconds(30))

        then: 'within the scheduler-given 60 s'
        !watch.check()
        watch.pause() == Duration.ofSeconds(1)

        when: 'the agent learns a shorter timeout (the file is rewritten, so it changed too)'
        touch(2_000, Instant.parse('2025-01-01T00:00:30Z'))
        watch.check()
        advance(Duration.ofMillis(2100))

        then:
        watch.check()
        kills == ["agent unreachable for 2 s; stopping so the scheduler's replacement is the only copy"]
    }

    def "a wall clock set back counts as a touch: only the file's change matters, on the monotonic clock"() {
        given:
        touch(5000, Instant.parse('2025-01-01T12:00:00Z'))
        def watch = watch()
        watch.check()

        when: 'the agent touches after the wall clock jumped back an hour'
        advance(Duration.ofSeconds(4))
        touch(5000, Instant.parse('2025-01-01T11:00:04Z'))
        advance(Duration.ofSeconds(4))

        then:
        !watch.check()
        kills.isEmpty()
    }

    def "without a liveness file the silence counts from the watch's start, with the default timeout"() {
        given:
        def watch = watch()

        when:
        advance(AgentLiveness.DEFAULT_TIMEOUT)

        then:
        !watch.check()

        when:
        advance(Duration.ofSeconds(1))

        then:
        watch.check()
        kills == ["agent unreachable for 16 s; stopping so the scheduler's replacement is the only copy"]
    }

    def "an executor started without the variable watches nothing"() {
        expect:
        !AgentWatch.fromEnvironment([:], { kills << it }).isPresent()
        AgentWatch.fromEnvironment([(AgentLiveness.VARIABLE): file.toString()], { kills << it }).isPresent()
    }
}
