package io.borealis.executor.health

import static io.borealis.executor.health.HealthTracker.Verdict.HEALTHY
import static io.borealis.executor.health.HealthTracker.Verdict.PENDING
import static io.borealis.executor.health.HealthTracker.Verdict.UNHEALTHY

import spock.lang.Specification

class HealthTrackerSpec extends Specification {
    def "initial #initial / interval #interval, max failures #maxFailures, min successes #minSuccesses: #attempts -> #verdicts"() {
        given:
        def tracker = new HealthTracker(initial, interval, maxFailures, minSuccesses)

        expect:
        attempts.collect { tracker.record(it == 'ok') } == verdicts

        where:
        initial | interval | maxFailures | minSuccesses | attempts                   || verdicts
        15      | 10       | 0           | 1            | ['ok']                     || [HEALTHY]
        15      | 10       | 0           | 1            | ['x', 'x', 'ok']           || [PENDING, PENDING, HEALTHY]
        15      | 10       | 0           | 1            | ['x', 'x', 'x']            || [PENDING, PENDING, UNHEALTHY]
        0       | 10       | 0           | 1            | ['x']                      || [UNHEALTHY]
        0       | 1        | 0           | 2            | ['ok', 'ok']               || [PENDING, HEALTHY]
        0       | 1        | 2           | 2            | ['ok', 'x', 'ok', 'ok']    || [PENDING, PENDING, PENDING, HEALTHY]
        0       | 1        | 1           | 1            | ['ok', 'x', 'ok', 'x', 'x'] || [HEALTHY, HEALTHY, HEALTHY, HEALTHY, UNHEALTHY]
        0       | 1        | 0           | 1            | ['ok', 'x', 'ok']          || [HEALTHY, UNHEALTHY, UNHEALTHY]
        2       | 1        | 0           | 3            | ['x', 'ok', 'ok']          || [PENDING, PENDING, PENDING]
        2       | 1        | 0           | 3            | ['x', 'x', 'ok', 'x']      || [PENDING, PENDING, PENDING, UNHEALTHY]
    }
}
