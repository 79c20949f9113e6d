package io.borealis.agent.outbox

import java.time.Duration
import spock.lang.Specification

class BackoffSpec extends Specification {
    def "delays double up to the maximum and start over after a reset"() {
        given:
        def backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500))

        expect:
        (1..5).collect { backoff.next().toMillis() } == [100L, 200L, 400L, 500L, 500L]

        when:
        backoff.reset()

        then:
        backoff.next().toMillis() == 100
    }

    def "a maximum below the initial delay is refused"() {
        when:
        new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'backoff needs 0 < initial <= max, got PT2S and PT1S'
    }
}
