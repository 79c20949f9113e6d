package io.borealis.dsl.script

import spock.lang.Specification

/**
 * Job constraints in the DSL (Aurora's map syntax, aurora-features §1.12): each malformed one is
 * refused at the line of the job, naming the attribute; well-formed ones reach the model.
 */
class ConstraintDiagnosticsSpec extends Specification {
    def evaluator = new JobFileEvaluator()

    static String file(String constraints, String extra = '') {
        """\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                constraints: ${constraints}${extra})]
"""
    }

    List<String> problems(String text) {
        Evaluation result = evaluator.evaluate('hello.groovy', text, [:])
        assert result.jobs().isEmpty()
        result.diagnostics()*.format()
    }

    def "a malformed constraint is refused: #why"() {
        expect:
        problems(file(constraints)) == [message]

        where:
        why                         | constraints                    || message
        'limit:x'                   | "[host: 'limit:x']"            || "hello.groovy:3: jobs[0].constraints.host: 'limit:x' must be limit:N with N a positive integer"
        'limit:0'                   | "[host: 'limit:0']"            || "hello.groovy:3: jobs[0].constraints.host: 'limit:0' must be limit:N with N a positive integer"
        'limit:-1'                  | "[host: 'limit:-1']"           || "hello.groovy:3: jobs[0].constraints.host: 'limit:-1' must be limit:N with N a positive integer"
        'empty value'               | "[rack: '']"                   || 'hello.groovy:3: jobs[0].constraints.rack: names no value'
        'only commas'               | "[rack: ' , ']"                || 'hello.groovy:3: jobs[0].constraints.rack: names no value'
        'not a string'              | "[host: 1]"                    || "hello.groovy:3: jobs[0].constraints.host: expected a string such as 'limit:1', 'a,b' or '!a', got integer 1"
        'dedicated to another role' | "[dedicated: 'ops/db']"        || "hello.groovy:3: jobs[0].constraints[0]: 'dedicated': 'ops/db' names role 'ops'; a dedicated constraint must name the job's role 'www-data' or '*'"
        'dedicated, two values'     | "[dedicated: 'www-data/a,www-data/b']" || "hello.groovy:3: jobs[0].constraints[0]: 'dedicated': must have exactly one value, got 2 [www-data/a, www-data/b]"
        'dedicated, negated'        | "[dedicated: '!www-data/db']"  || "hello.groovy:3: jobs[0].constraints[0]: 'dedicated': cannot be negated: a dedicated job names the one group of hosts it runs on"
        'dedicated, a limit'        | "[dedicated: 'limit:1']"       || "hello.groovy:3: jobs[0].constraints[0]: 'dedicated': must be a value such as 'www-data/NAME' or '*/NAME', not a limit"
        'dedicated, no role'        | "[dedicated: 'db']"            || "hello.groovy:3: jobs[0].constraints[0]: 'dedicated': 'db' must be ROLE/NAME or */NAME"
    }

    def "absurd resources are refused before anything is sent"() {
        expect:
        problems('''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1e308, ram: 1000000000000*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod')]
''') == ['hello.groovy:2: jobs[0].task.resources.cpu: must be at most 4096 cpus, got 1.0E308',
         'hello.groovy:2: jobs[0].task.resources.ram: must be at most 67108864 MB (64 TiB), got 1000000000000 MB']
    }

    def "well-formed constraints reach the job: #constraints"() {
        when:
        Evaluation result = evaluator.evaluate('hello.groovy', file(constraints), [:])

        then:
        result.diagnostics().isEmpty()
        result.jobs()[0].taskConfig().constraints().collect {
            [it.attribute(), it.negated(), it.values() as List, it.limit()]
        } == expected

        where:
        constraints                                          || expected
        "[host: 'limit:1']"                                  || [['host', false, [], 1]]
        "[rack: 'r1,r2']"                                    || [['rack', false, ['r1', 'r2'], 0]]
        "[rack: '!r1']"                                      || [['rack', true, ['r1'], 0]]
        "[dedicated: 'www-data/db']"                         || [['dedicated', false, ['www-data/db'], 0]]
        "[dedicated: '*/shared', host: 'limit:2']"           || [['dedicated', false, ['*/shared'], 0], ['host', false, [], 2]]
    }
}
