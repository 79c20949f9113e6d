package io.borealis.api.model

import spock.lang.Specification

class JobKeySpec extends Specification {
    def "a key of good identifiers is accepted: #text"() {
        expect:
        JobKey.parse(text).toString() == text

        where:
        text << ['www-data/prod/hello', 'a/b/c', 'A_1/env.2/x-y.z', 'r/.hidden/..x',
                 'r/e/' + 'n' * 255]
    }

    def "a bad #part is refused naming it: '#value'"() {
        when:
        new JobKey(part == 'role' ? value : 'www-data', part == 'environment' ? value : 'prod',
                part == 'name' ? value : 'hello')

        then:
        IllegalArgumentException e = thrown()
        e.message == message

        where:
        part          | value     || message
        'environment' | '..'      || "job key environment '..' must not be '.' or '..'"
        'environment' | '.'       || "job key environment '.' must not be '.' or '..'"
        'role'        | '..'      || "job key role '..' must not be '.' or '..'"
        'name'        | 'a b'     || "job key name 'a b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'name'        | ''        || "job key name '' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'role'        | 'a/b'     || "job key role 'a/b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'role'        | 'ünï'     || "job key role 'ünï' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'name'        | 'x' * 256 || "job key name '${'x' * 61}...' must be 1-255 characters of letters, digits, '-', '_' and '.'"
    }

    def "parse refuses a key without three parts"() {
        when:
        JobKey.parse('www-data/../travenv/x')

        then:
        IllegalArgumentException e = thrown()
        e.message == "job key 'www-data/../travenv/x' is not of the form role/environment/name"
    }

    def "www-data/../travenv is refused"() {
        when:
        JobKey.parse('www-data/../travenv')

        then:
        IllegalArgumentException e = thrown()
        e.message == "job key environment '..' must not be '.' or '..'"
    }

    def "a role on its own is checked by the same rule: '#role'"() {
        when:
        JobKey.checkRole(role)

        then:
        IllegalArgumentException e = thrown()
        e.message == message

        where:
        role   || message
        '../x' || "role '../x' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'a/b'  || "role 'a/b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        '..'   || "role '..' must not be '.' or '..'"
        ''     || "role '' must be 1-255 characters of letters, digits, '-', '_' and '.'"
    }

    def "a good role is returned as is"() {
        expect:
        JobKey.checkRole('www-data') == 'www-data'
    }
}
