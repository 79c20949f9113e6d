package io.borealis.scheduler.validation

import io.borealis.api.model.Constraint
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.tier.TiersFile
import spock.lang.Specification

class JobValidatorSpec extends Specification {
    JobValidator validator = new JobValidator('devcluster')

    def "a valid job has no problems"() {
        expect:
        validator.problems(Fixtures.job(instances: 2, cluster: 'devcluster')).isEmpty()
    }

    def "#problem"() {
        expect:
        validator.problems(job) == [problem]

        where:
        job                                                                  || problem
        Fixtures.job(instances: 0)                                           || 'instanceCount must be positive, got 0'
        Fixtures.job(instances: 10001)                                       || 'instanceCount must be at most 10000, got 10001'
        Fixtures.job(resources: new Resources(0d, 1L, 1L, 0))                || 'resources.cpu must be positive, got 0.0'
        Fixtures.job(resources: new Resources(1d, 0L, 1L, 0))                || 'resources.ramMb must be positive, got 0'
        Fixtures.job(resources: new Resources(1d, 1L, -1L, 0))               || 'resources.diskMb must be positive, got -1'
        Fixtures.job(processes: [])                                          || 'task.processes must not be empty'
        Fixtures.job(processes: [Fixtures.process(''), Fixtures.process('b')]) || 'task.processes[0].name must not be blank'
        Fixtures.job(processes: [Fixtures.process('a'), Fixtures.process('a')]) || "task.processes[1].name 'a' is used more than once (also processes[0])"
        Fixtures.job(processes: [Fixtures.process('a', '  ')])              || 'task.processes[0].cmdline must not be blank'
        Fixtures.job(maxTaskFailures: 0)                                     || 'maxTaskFailures must be -1 (no limit) or at least 1, got 0'
        Fixtures.job(cluster: 'elsewhere')                                   || "job is for cluster 'elsewhere' but this scheduler runs 'devcluster'"
        Fixtures.job(owner: ' ')                                             || 'owner must not be blank'
        Fixtures.job(ports: [' '])                                           || 'requestedPorts holds a blank port name'
        mismatchedKey()                                                      || 'taskConfig.job www-data/prod/other does not match the job key www-data/prod/hello'
    }

    def "constraints are refused when malformed: #why"() {
        expect:
        validator.problems(Fixtures.job(constraints: [(attribute): constraint])) == [problem]

        where:
        why                         | attribute   | constraint                  || problem
        'limit 0'                   | 'host'      | limit(0)                    || "constraints[0] 'host': needs values (such as 'a,b' or '!a') or a positive limit (such as 'limit:1')"
        'negative limit'            | 'host'      | limit(-1)                   || "constraints[0] 'host': limit must be a positive integer, got -1"
        'negated limit'             | 'host'      | limit(2, true)              || "constraints[0] 'host': a limit cannot be negated"
        'values and a limit'        | 'rack'      | valuesAndLimit('a', 2)      || "constraints[0] 'rack': has both values and a limit; give one"
        'empty value'               | 'rack'      | values('')                  || "constraints[0] 'rack': holds an empty value"
        'blank attribute'           | ' '         | values('a')                 || 'constraints[0].attribute must not be blank'
        'dedicated to another role' | 'dedicated' | values('ops/db')            || "constraints[0] 'dedicated': 'ops/db' names role 'ops'; a dedicated constraint must name the job's role 'www-data' or '*'"
        'dedicated without a role'  | 'dedicated' | values('db')                || "constraints[0] 'dedicated': 'db' must be ROLE/NAME or */NAME"
        'dedicated, two values'     | 'dedicated' | values('www-data/a', 'www-data/b') || "constraints[0] 'dedicated': must have exactly one value, got 2 [www-data/a, www-data/b]"
        'dedicated, negated'        | 'dedicated' | negated('www-data/db')      || "constraints[0] 'dedicated': cannot be negated: a dedicated job names the one group of hosts it runs on"
        'dedicated as a limit'      | 'dedicated' | limit(1)                    || "constraints[0] 'dedicated': must be a value such as 'www-data/NAME' or '*/NAME', not a limit"
    }

    def "well-formed constraints pass: #constraints"() {
        expect:
        validator.problems(Fixtures.job(constraints: constraints)).isEmpty()

        where:
        constraints << [[host: 'limit:1'], [rack: 'r1,r2'], [rack: '!r1'], [zone: 'z9'],
                        [dedicated: 'www-data/db'], [dedicated: '*/shared'],
                        [host: 'limit:1', rack: 'r1', dedicated: '*/db']]
    }

    def "the same attribute constrained twice is refused"() {
        given:
        def constraints = [new Constraint('rack', false, ['r1'] as Set, 0),
                           new Constraint('rack', false, [] as Set, 1)]

        expect:
        validator.problems(Fixtures.job(constraints: constraints)) ==
                ["constraints[1] 'rack': is constrained more than once; give one constraint per attribute"]
    }

    def "a task asking for more than any host could hold is refused: #why"() {
        expect:
        validator.problems(Fixtures.job(resources: resources)) == [problem]

        where:
        why         | resources                                              || problem
        'cpu 1e308' | new Resources(1e308d, 128L, 256L, 0)                   || 'resources.cpu must be at most 4096 cpus, got 1.0E308'
        'cpu inf'   | new Resources(Double.POSITIVE_INFINITY, 128L, 256L, 0) || 'resources.cpu must be at most 4096 cpus, got Infinity'
        'cpu NaN'   | new Resources(Double.NaN, 128L, 256L, 0)               || 'resources.cpu must be positive, got NaN'
        'ram 1e12'  | new Resources(1d, 1_000_000_000_000L, 256L, 0)         || 'resources.ramMb must be at most 67108864 MB (64 TiB), got 1000000000000 MB'
        'disk'      | new Resources(1d, 128L, Long.MAX_VALUE, 0)             || "resources.diskMb must be at most 1073741824 MB (1 PiB), got ${Long.MAX_VALUE} MB"
        'gpu'       | new Resources(1d, 128L, 256L, 100_000)                 || 'resources.gpu must be at most 256, got 100000'
    }

    def "the largest task allowed is accepted"() {
        expect:
        validator.problems(Fixtures.job(resources: new Resources(4096d, 64L * 1024 * 1024,
                1024L * 1024 * 1024, 256))).isEmpty()
    }

    def "a tier must be one of the cluster's: #tier"() {
        given:
        def tiers = TiersFile.parse('{"default": "batch", "tiers": {' +
                '"batch": {"preemptible": true, "revocable": false},' +
                '"prod": {"preemptible": false, "revocable": false}}}', 'tiers.json')

        expect:
        new JobValidator('devcluster', tiers).problems(
                Fixtures.job(tier: tier, production: production)) == problems

        where:
        tier        | production || problems
        'prod'      | true       || []
        'batch'     | false      || []
        null        | false      || []
        'preferred' | false      || ["tier 'preferred' is not one of this cluster's tiers [batch, prod]"]
        'gold'      | true       || ["tier 'gold' is not one of this cluster's tiers [batch, prod]"]
        'batch'     | true       || ["production jobs cannot be preempted, but tier 'batch' is preemptible; use a non-preemptible tier or production = false"]
    }

    private static Constraint limit(int limit, boolean negated = false) {
        new Constraint('x', negated, [] as Set, limit)
    }

    private static Constraint values(String... values) {
        new Constraint('x', false, new LinkedHashSet<>(values as List), 0)
    }

    private static Constraint negated(String value) {
        new Constraint('x', true, [value] as Set, 0)
    }

    private static Constraint valuesAndLimit(String value, int limit) {
        new Constraint('x', false, [value] as Set, limit)
    }

    private static mismatchedKey() {
        def config = Fixtures.config(job: new JobKey('www-data', 'prod', 'other'))
        def job = Fixtures.job()
        new io.borealis.api.model.JobConfiguration(job.key(), job.owner(), 1, config, null,
                job.cronCollisionPolicy(), null, null)
    }
}
