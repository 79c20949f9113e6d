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
''' + TAIL) == ["hello.groovy:2: jobs[0].task.processes[1].name: 'hello' is used more than "
                        + "once (also processes[0])"]
    }

    def "order() naming an unknown process is refused"() {
        expect:
        problems('''\
a = Process(name: 'fetch', cmdline: 'true')
b = Process(name: 'serve', cmdline: 'true')
task = Task(processes: [a, b], constraints: order('fetch', 'serv'),
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:3: jobs[0].task.constraints[0].order: names unknown process "
                        + "'serv'. Did you mean 'serve'?"]
    }

    def "order constraints forming a cycle are refused at the first line of the task"() {
        expect:
        problems('''\
a = Process(name: 'a', cmdline: 'true')
b = Process(name: 'b', cmdline: 'true')
task = Task(processes: [a, b], constraints: order(a, b) + order(b, a),
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:3: jobs[0].task.constraints: form a cycle: a -> b -> a"]
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

    def "a call spanning several lines is reported at its first line"() {
        expect:
        problems('''\
hello = Process(
  name: 'hello',
  max_failures: 2)
task = Task(processes: [hello], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:1: jobs[0].task.processes[0].cmdline: required"]
    }

    def "a cron schedule that does not parse is refused, naming the schedule"() {
        expect:
        problems('''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Job(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
            cron_schedule: '61 * * * *')]
''') == ["hello.groovy:3: jobs[0].cron_schedule: '61 * * * *' is not a cron schedule "
                 + "(MIN HOUR DOM MON DOW): Value 61 not in range [0, 59]"]
    }

    def "a cron_timezone that is not a time zone is refused, naming the field and value"() {
        expect:
        problems('''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Job(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
            cron_schedule: '0 9 * * *', cron_timezone: 'Mars/Olympus')]
''') == ["hello.groovy:3: jobs[0].cron_timezone: 'Mars/Olympus' is not a time zone id "
                 + "(e.g. UTC, America/New_York): Unknown time-zone ID: Mars/Olympus"]
    }

    def "the deprecated RUN_OVERLAP collision policy is refused in the file, naming what to use"() {
        expect:
        problems('''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Job(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
            cron_schedule: '0 9 * * *', cron_collision_policy: 'RUN_OVERLAP')]
''') == ["hello.groovy:3: jobs[0].cron_collision_policy: RUN_OVERLAP is deprecated and not "
                 + "accepted: use KILL_EXISTING or CANCEL_NEW"]
    }

    def "a service with a cron schedule is refused"() {
        expect:
        problems('''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                cron_schedule: '*/5 * * * *')]
''') == ["hello.groovy:3: jobs[0].cron_schedule: is not allowed for a service (a service runs "
                 + "all the time); make it a Job"]
    }

    def "a process waiting for a daemon is refused (Thermos plan rule)"() {
        expect:
        problems('''\
d = Process(name: 'd', cmdline: 'true', daemon: true)
w = Process(name: 'w', cmdline: 'true')
task = Task(processes: [d, w], constraints: order(d, w),
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:3: jobs[0].task.constraints[0].order: makes 'w' wait for daemon 'd': "
                        + "nothing may depend on a daemon"]
    }

    def "a regular process waiting for an ephemeral one is refused (Thermos plan rule)"() {
        expect:
        problems('''\
e = Process(name: 'e', cmdline: 'true', ephemeral: true)
w = Process(name: 'w', cmdline: 'true')
task = Task(processes: [e, w], constraints: order(e, w),
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:3: jobs[0].task.constraints[0].order: makes 'w' wait for ephemeral "
                        + "'e': a non-ephemeral process may not depend on an ephemeral one"]
    }

    def "an order mixing final and regular processes is refused (Thermos plan rule)"() {
        expect:
        problems('''\
w = Process(name: 'w', cmdline: 'true')
f = Process(name: 'f', cmdline: 'true', final: true)
task = SequentialTask(processes: [w, f],
                      resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:3: jobs[0].task: mixes final and regular processes ('f' is final, "
                        + "'w' is not): order each kind separately"]
    }

    def "update settings the client refuses: max_total_failures not below instances"() {
        expect:
        problems('''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                instances: 2,
                update_config: UpdateConfig(
                    max_total_failures: 2))]
''') == ["hello.groovy:5: jobs[0].update_config.max_total_failures: must be less than "
                 + "instanceCount (2), got 2"]
    }

    def "a typed field given a template that does not convert names the field"() {
        expect:
        evaluator.evaluate('hello.groovy', '''\
task = Task(processes: [Process(name: 'p', cmdline: 'true')],
            resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                instances: '{{profile.instances}}')]
''', ['profile.instances': 'three']).diagnostics()*.format() ==
                ["hello.groovy:3: jobs[0].instances: expected an integer, got string 'three'"]
    }

    def "every unresolved template of a string is named at once"() {
        expect:
        problems('''\
hello = Process(name: 'hello', cmdline: 'run {{profile.version}} {{profile.flags}} {{mesos.instance}}')
task = Task(processes: [hello], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
''' + TAIL) == ["hello.groovy:1: jobs[0].task.processes[0].cmdline: unresolved template "
                        + "references {{profile.version}}, {{profile.flags}}"]
    }

    def "Tasks.combine given something else than tasks is refused"() {
        expect:
        problems('''\
p = Process(name: 'p', cmdline: 'true')
task = Tasks.combine(p)
''' + TAIL) == ["hello.groovy:2: Tasks.combine: argument 1 must be a Task, got a Process"]
    }

    static final String PORTS_TASK = '''\
web = Process(name: 'web', cmdline: 'serve {{thermos.ports[http]}} {{thermos.ports[admin]}}')
task = Task(processes: [web], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
'''

    def "an announcer alias to a port the task never asks for is refused, naming the ports it uses"() {
        expect:
        problems(PORTS_TASK + '''
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                announce: Announcer(portmap: [admin: 'htp']))]
''') == ["hello.groovy:5: jobs[0].announce.portmap: alias 'admin' names port 'htp', which the "
                   + "task never asks for (ports it uses: [http])"]
    }

    def "announcer aliases forming a cycle are refused, naming the cycle once"() {
        expect:
        problems(PORTS_TASK + '''
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                announce: Announcer(portmap: [admin: 'debug', debug: 'admin']))]
''') == ["hello.groovy:5: jobs[0].announce.portmap: aliases form a cycle: admin -> debug -> admin"]
    }

    def "a static port in the portmap needs a dedicated constraint, and must be a port"() {
        expect:
        problems(PORTS_TASK + '''
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                announce: Announcer(portmap: [admin: 8080, debug: 70000]))]
''') == ["hello.groovy:5: jobs[0].announce.portmap: 'debug' -> 70000 is not a port (1-65535)",
           "hello.groovy:5: jobs[0].announce.portmap: 'admin' -> 8080 is a static port; a static "
                   + "port needs a 'dedicated' constraint (nothing else keeps two tasks of a host "
                   + "from asking for it)",
           "hello.groovy:5: jobs[0].announce.portmap: 'debug' -> 70000 is a static port; a static "
                   + "port needs a 'dedicated' constraint (nothing else keeps two tasks of a host "
                   + "from asking for it)"]
    }

    def "an announcer's zk_path must be an absolute ZooKeeper path: #zkPath is refused at its line"() {
        expect:
        problems(PORTS_TASK + """
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                announce: Announcer(zk_path: '${zkPath}'))]
""") == ["hello.groovy:5: jobs[0].announce.zk_path: ${message}".toString()]

        where:
        zkPath                 || message
        'services/hello'       || "'services/hello' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (Path must start with / character)"
        '/services/../hello'   || "'/services/../hello' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (relative paths not allowed)"
        '/services//hello'     || "'/services//hello' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (empty node name specified)"
        '/'                    || "'/' is ZooKeeper's root; name a path under it such as /services/www-data/prod/hello"
        '/zookeeper/quota'     || "'/zookeeper/quota' is under /zookeeper, which ZooKeeper keeps for itself"
        '/' + 'a' * 512        || 'must be at most 512 characters, got 513'
    }
}
