package io.borealis.scheduler.storage

import io.borealis.api.model.JobKey
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import spock.lang.Specification

class TaskIdSpec extends Specification {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_765_000_000_123L), ZoneOffset.UTC)

    def "a new id names the time, the job and the instance, then eight hex digits"() {
        when:
        List<String> ids = (1..500).collect {
            TaskId.next(clock, new JobKey('www-data', 'prod', 'hello'), 7).value()
        }

        then:
        ids.every { it ==~ /1765000000123-www-data-prod-hello-7-[0-9a-f]{8}/ }

        and: 'random suffixes: ids taken in the same millisecond differ'
        ids.toSet().size() == ids.size()

        and: 'short hex values are padded, not shortened'
        ids.collect { it[-8..-1] }.any { it.startsWith('0') }
    }

    def "ids of one job sort by creation time"() {
        expect:
        TaskId.next(Clock.fixed(Instant.ofEpochMilli(1_000_000_000_000L), ZoneOffset.UTC),
                new JobKey('r', 'e', 'j'), 0) < TaskId.next(clock, new JobKey('r', 'e', 'j'), 0)
    }
}
