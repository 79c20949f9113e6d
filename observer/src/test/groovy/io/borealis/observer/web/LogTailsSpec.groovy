package io.borealis.observer.web

import spock.lang.Specification

class LogTailsSpec extends Specification {
    def "the last #max lines of #text (cut at start: #cut) are #expected"() {
        expect:
        LogTails.lastLines(text, cut, max) == expected

        where:
        text              | cut   | max || expected
        ''                | false | 2   || ''
        'a\nb\nc\n'       | false | 2   || 'b\nc\n'
        'a\nb\nc'         | false | 2   || 'b\nc'
        'a\nb\nc\n'       | false | 5   || 'a\nb\nc\n'
        'a\n\n\n'         | false | 2   || '\n\n'
        'rt-a\nb\nc\n'    | true  | 5   || 'b\nc\n'
        'rt-a\nb\nc\n'    | true  | 1   || 'c\n'
        'one long line\n' | true  | 5   || 'one long line\n'
        'no newline'      | true  | 5   || 'no newline'
    }
}
