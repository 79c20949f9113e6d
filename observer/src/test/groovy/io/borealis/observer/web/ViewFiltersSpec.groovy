package io.borealis.observer.web

import spock.lang.Specification

class ViewFiltersSpec extends Specification {
    def "durations read as people say them: #millis ms -> #shown"() {
        expect:
        ViewFilters.duration(millis) == shown

        where:
        millis         || shown
        null           || '—'
        0L             || '—'
        28L            || '28 ms'
        4_500L         || '4.5s'
        42_000L        || '42s'
        125_000L       || '2m 5s'
        3_725_000L     || '1h 2m 5s'
        90_061_000L    || '1d 1h 1m'
    }

    def "sizes use binary units: #bytes -> #shown"() {
        expect:
        ViewFilters.bytes(bytes) == shown

        where:
        bytes                  || shown
        null                   || '—'
        -1L                    || '—'
        0L                     || '0 B'
        1023L                  || '1023 B'
        1536L                  || '1.5 KiB'
        64L * 1024 * 1024      || '64.0 MiB'
    }

    def "link paths are percent-encoded segment by segment"() {
        expect:
        UrlPaths.encodePath('.logs/<script>/0/a b+c') == '.logs/%3Cscript%3E/0/a%20b%2Bc'
        UrlPaths.segments('/file/t/a%2Fb/%2e%2e/x+y') == ['file', 't', 'a/b', '..', 'x+y']
    }
}
