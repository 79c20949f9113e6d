package io.borealis.dsl.script

import spock.lang.Specification

/** One feature per kind of mistake: each asserts the exact message and its line. */
class DiagnosticsSpec extends Specification {
    def evaluator = new JobFileEvaluator()

    List<String> problems(String text) {
        Evaluation result = evaluator.evaluate('hello.groovy', text, [:])
        assert result.jobs().isEmpty()
        result.diagnostics()*.format()
    }

    static final String TAIL = '''
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod')]
'''

    def "a Groovy syntax error is reported at its line"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
task = Task(processes: [hello)
''') == ["hello.groovy:2: syntax error: Unexpected input: '('"]
    }

    def "a shell command in double quotes that breaks on \$( gets a hint to use single quotes"() {
        expect:
        problems('''\
x = 1
hello = Process(name: 'hello', cmdline: "echo $(date)")
''') == ["hello.groovy:2: syntax error: token recognition error at: '(' (in double quotes "
                 + "Groovy reads '\$' as the start of an interpolation: write shell commands in "
                 + "single quotes, '...' or '''...''')"]
    }

    def "an unknown schema object is reported with a suggestion, and no follow-up complaints"() {
        expect:
        problems('''\
hello = Proces(name: 'hello', cmdline: 'true')
task = Task(processes: [hello], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:1: Proces: unknown schema object. Did you mean 'Process'?"]
    }

    def "an unknown field is reported with a suggestion"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
task = Task(processes: [hello],
            resources: Resources(cpu: 1, rams: 1*MB, disk: 1*MB))
''' + TAIL) == [
                "hello.groovy:3: Resources.rams: unknown field of Resources. Did you mean 'ram'?",
                "hello.groovy:3: jobs[0].task.resources.ram: required"]
    }

    def "an unknown function is reported with a suggestion"() {
        expect:
        problems('''\
a = Process(name: 'a', cmdline: 'true')
task = Task(processes: [a], constraints: ordr(a), resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:2: ordr: unknown function. Did you mean 'order'?"]
    }

    def "an undefined name is reported with a suggestion"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
task = Task(processes: [helo], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:2: unknown name 'helo'. Did you mean 'hello'?"]
    }

    def "a missing required field is reported at the line that built the object"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
bye = Process(name: 'bye')
task = Task(processes: [hello, bye], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:2: jobs[0].task.processes[1].cmdline: required"]
    }

    def "a required field missing on a copy is reported at the copy's line"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
task = Task(processes: [hello],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', environment: 'prod')]
''') == ["hello.groovy:4: jobs[0].role: required"]
    }

    def "a value of the wrong type names the field and what it got"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true', max_failures: 'often')
task = Task(processes: [hello], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:1: jobs[0].task.processes[0].max_failures: expected an integer, "
                        + "got string 'often'"]
    }

    def "a missing jobs list is reported"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
''') == ["hello.groovy:1: jobs: required: assign a list of Job or Service to 'jobs', "
                 + "e.g. jobs = [Service(...)]"]
    }

    def "an empty jobs list is reported where it is assigned"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')

jobs = []
''') == ["hello.groovy:3: jobs: is empty; list at least one Job or Service"]
    }

    def "a jobs entry that is not a Job is reported"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
jobs = [hello]
''') == ["hello.groovy:1: jobs[0]: expected a Job or Service, got a Process"]
    }

    def "zero and negative resources are refused"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
task = Task(processes: [hello],
            resources: Resources(cpu: 0, ram: -1*MB, disk: 512*KB))
''' + TAIL) == [
                "hello.groovy:3: jobs[0].task.resources.cpu: must be greater than 0, got 0.0",
                "hello.groovy:3: jobs[0].task.resources.ram: must be greater than 0, got -1048576",
                "hello.groovy:3: jobs[0].task.resources.disk: must be at least 1*MB (1048576 bytes), got 524288"]
    }

    def "duplicate process names are refused"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'true')
again = hello(cmdline: 'false')
task = Task(processes: [hello, again], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:2: jobs[0].task.processes[1].name: duplicate process name 'hello' "
                        + "(also processes[0])"]
    }

    def "order() naming an unknown process is refused"() {
        expect:
        problems('''\
a = Process(name: 'fetch', cmdline: 'true')
b = Process(name: 'serve', cmdline: 'true')
task = Task(processes: [a, b], constraints: order('fetch', 'serv'),
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:3: jobs[0].task.constraints[0].order: unknown process 'serv'. "
                        + "Did you mean 'serve'?"]
    }

    def "order constraints forming a cycle are refused"() {
        // A call spanning lines is located at its last line: Groovy's line table says so.
        expect:
        problems('''\
a = Process(name: 'a', cmdline: 'true')
b = Process(name: 'b', cmdline: 'true')
task = Task(processes: [a, b], constraints: order(a, b) + order(b, a),
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:4: jobs[0].task.constraints: order constraints form a cycle: "
                        + "a -> b -> a"]
    }

    def "an unresolved template reference is refused, naming it"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'run --version {{profile.version}} --port {{thermos.ports[http]}}')
task = Task(processes: [hello], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:1: jobs[0].task.processes[0].cmdline: unresolved template "
                        + "reference {{profile.version}}"]
    }

    def "every problem of a file is reported at once, in line order"() {
        expect:
        problems('''\
hello = Process(name: 'hello')
task = Task(processes: [hello], resources: Resources(cpu: -1, ram: 1*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod', instances: 0)]
''') == ["hello.groovy:1: jobs[0].task.processes[0].cmdline: required",
         "hello.groovy:2: jobs[0].task.resources.cpu: must be greater than 0, got -1.0",
         "hello.groovy:3: jobs[0].instances: must be greater than 0, got 0"]
    }

    def "a job file that throws is reported at the line, without a stack trace"() {
        expect:
        problems('''\
x = 1
throw new IllegalStateException('boom')
''') == ["hello.groovy:2: the file failed: java.lang.IllegalStateException: boom"]
    }
}
