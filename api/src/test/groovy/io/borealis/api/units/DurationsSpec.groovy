package io.borealis.api.units

import java.time.Duration
import spock.lang.Specification

class DurationsSpec extends Specification {
    def "#text is #expected"() {
        expect:
        Durations.parse(text, true) == Optional.of(expected)

        where:
        text     || expected
        '500ms'  || Duration.ofMillis(500)
        '30s'    || Duration.ofSeconds(30)
        ' 15m '  || Duration.ofMinutes(15)
        '12h'    || Duration.ofHours(12)
        '7d'     || Duration.ofDays(7)
        '0'      || Duration.ZERO
        '90'     || Duration.ofSeconds(90)
    }

    def "'#text' is not a duration"() {
        expect:
        Durations.parse(text, true).isEmpty()

        where:
        text << ['', '-1s', '1.5h', '10x', 's', '1w', '9999999999s', null]
    }

    def "a bare number needs a unit where the caller says so"() {
        expect:
        Durations.parse('15', false).isEmpty()
        Durations.parse('15s', false) == Optional.of(Duration.ofSeconds(15))
    }
}
