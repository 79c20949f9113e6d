package io.borealis.scheduler.tier

import java.nio.file.Files
import spock.lang.Specification

class TiersFileSpec extends Specification {
    static final String AURORA = '''{"default":"preemptible","tiers":{
        "preferred":  {"preemptible":false,"revocable":false},
        "preemptible":{"preemptible":true, "revocable":false},
        "revocable":  {"preemptible":true, "revocable":true}}}'''

    def "Aurora's tiers.json reads as Aurora's defaults"() {
        when:
        Tiers tiers = TiersFile.parse(AURORA, 'tiers.json')

        then:
        tiers.defaultName() == Tiers.auroraDefaults().defaultName()
        tiers.all() == Tiers.auroraDefaults().all()
    }

    def "a file of its own tiers is read from disk, in its order"() {
        given:
        def file = Files.createTempFile('tiers', '.json')
        file.toFile().text = '{"default": "batch", "tiers": {"gold": {"preemptible": false, ' +
                '"revocable": false}, "batch": {"preemptible": true, "revocable": false}}}'

        when:
        Tiers tiers = TiersFile.load(file)

        then:
        tiers.defaultName() == 'batch'
        tiers.all() == [new TierConfig('gold', false, false), new TierConfig('batch', true, false)]
        tiers.isProduction(io.borealis.scheduler.testing.Fixtures.config(tier: 'gold'))

        cleanup:
        Files.deleteIfExists(file)
    }

    def "a bad tiers file is refused, naming every problem: #why"() {
        // Messages are compared whole but for the JSON parser's own words after "not JSON: ".
        when:
        TiersFile.parse(text, 'tiers.json')

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith('tier config tiers.json: ' + message)

        where:
        why                | text                                                                   || message
        'not JSON'         | '{"default": '                                                          || 'not JSON: Unexpected end-of-input'
        'not an object'    | '[]'                                                                    || 'must be a JSON object with "default" and "tiers"'
        'no tiers'         | '{"default": "a", "tiers": {}}'                                         || '"tiers" must be an object with at least one tier'
        'unknown default'  | '{"default": "b", "tiers": {"a": {"preemptible": true, "revocable": false}}}' || "the default tier 'b' is not among the tiers [a]"
        'missing default'  | '{"tiers": {"a": {"preemptible": true, "revocable": false}}}'           || '"default" must name a tier'
        'unknown key'      | '{"default": "a", "teirs": 1, "tiers": {"a": {"preemptible": true, "revocable": false}}}' || 'unknown key "teirs" (known: [default, tiers])'
        'flag not boolean' | '{"default": "a", "tiers": {"a": {"preemptible": "yes", "revocable": false}}}' || "tier 'a': \"preemptible\" must be true or false"
        'flag missing'     | '{"default": "a", "tiers": {"a": {"preemptible": true}}}'             || "tier 'a': \"revocable\" must be true or false"
        'several at once'  | '{"tiers": {"a": {"preemptible": 1, "revocable": 2, "x": 3}}}'        || "\"default\" must name a tier; tier 'a': unknown key \"x\" (known: [preemptible, revocable]); tier 'a': \"preemptible\" must be true or false; tier 'a': \"revocable\" must be true or false"
    }

    def "a missing file is refused, naming it"() {
        when:
        TiersFile.load(java.nio.file.Path.of('/nonexistent/tiers.json'))

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith('tier config /nonexistent/tiers.json: cannot read')
    }
}
