package io.borealis.dsl.script

import io.borealis.api.model.CronCollisionPolicy
import io.borealis.api.model.HealthCheckConfig
import io.borealis.api.model.HttpHealthChecker
import io.borealis.api.model.HttpLifecycleConfig
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.UpdateSettings
import io.borealis.api.model.UpdateStrategyKind
import spock.lang.Specification

class JobFileEvaluatorSpec extends Specification {
    static final String HELLO = '''\
hello = Process(name: 'hello', cmdline: 'while true; do echo hello world; sleep 10; done')

task = SequentialTask(
  processes: [hello],
  resources: Resources(cpu: 1.0, ram: 128*MB, disk: 128*MB))

jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data',
                environment: 'prod', name: 'hello')]
'''

    def evaluator = new JobFileEvaluator()

    Evaluation evaluate(String text, Map<String, String> bindings = [:]) {
        evaluator.evaluate('hello.groovy', text, bindings)
    }

    JobConfiguration single(String text, Map<String, String> bindings = [:]) {
        Evaluation result = evaluate(text, bindings)
        assert result.diagnostics()*.format() == []
        assert result.jobs().size() == 1
        result.jobs()[0]
    }

    def "the hello world service evaluates to a configuration with every Aurora default"() {
        when:
        JobConfiguration job = single(HELLO)

        then:
        def key = new JobKey('www-data', 'prod', 'hello')
        def process = new Process('hello', 'while true; do echo hello world; sleep 10; done',
                1, false, false, 5, false,
                new Logger(LoggerDestination.FILE, LoggerMode.STANDARD, 100 * 1024 * 1024, 5))
        def spec = new TaskSpec('hello', [process], [], 1, 0, 30,
                new HealthCheckConfig(new HttpHealthChecker('/health', 'ok', 0), null,
                        15.0d, 10.0d, 0, 1, 1.0d),
                new HttpLifecycleConfig('health', ['/quitquitquit'], ['/abortabortabort'], 5, 5))
        def taskConfig = new TaskConfig(key, true, 0, false, null, 1,
                new Resources(1.0d, 128, 128, 0), [], [] as Set, spec, null, [], null, null,
                null, null)
        job == new JobConfiguration(key, '', 1, taskConfig, null,
                CronCollisionPolicy.KILL_EXISTING,
                new UpdateSettings(1, 45, 0, 0, true, false, null, false,
                        UpdateStrategyKind.QUEUE, [], false),
                'devcluster')
    }

    def "a Job is not a service and its name defaults to its task's first process"() {
        when:
        def job = single('''
            p = Process(name: 'work', cmdline: 'true')
            jobs = [Job(task: Task(processes: [p], resources: Resources(cpu: 0.5, ram: 1*GB, disk: 2*GB)),
                        cluster: 'c', role: 'r', environment: 'test')]
            ''')

        then:
        job.key() == new JobKey('r', 'test', 'work')
        !job.taskConfig().isService()
        job.taskConfig().task().name() == 'work'
        job.taskConfig().task().orderConstraints() == []
        job.taskConfig().resources() == new Resources(0.5d, 1024, 2048, 0)
    }

    def "a SequentialTask orders every process in list order"() {
        when:
        def job = single('''
            a = Process(name: 'a', cmdline: 'true')
            jobs = [Job(task: SequentialTask(processes: [a, a(name: 'b'), a(name: 'c')],
                        resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                        cluster: 'c', role: 'r', environment: 'prod')]
            ''')

        then:
        job.taskConfig().task().orderConstraints() == [['a', 'b', 'c']]
        job.key().name() == 'a'
    }

    def "a schema object called with named arguments is a modified copy; the original stays"() {
        when:
        def job = single('''
            base = Process(name: 'base', cmdline: 'echo base', max_failures: 3)
            copy = base(name: 'copy', daemon: true)
            jobs = [Job(task: Task(processes: [base, copy],
                        constraints: order(base, copy),
                        resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                        cluster: 'c', role: 'r', environment: 'prod', name: 'j')]
            ''')

        then:
        def processes = job.taskConfig().task().processes()
        processes*.name() == ['base', 'copy']
        processes*.cmdline() == ['echo base', 'echo base']
        processes*.maxFailures() == [3, 3]
        processes*.daemon() == [false, true]
        job.taskConfig().task().orderConstraints() == [['base', 'copy']]
    }

    def "order() lists concatenate, and def locals work as well as globals"() {
        when:
        def job = single('''
            def a = Process(name: 'a', cmdline: 'true')
            def b = a(name: 'b')
            def c = a(name: 'c')
            def d = a(name: 'd')
            jobs = [Job(task: Task(processes: [a, b, c, d], constraints: order(a, b) + order('c', 'd'),
                        resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                        cluster: 'c', role: 'r', environment: 'prod', name: 'j')]
            ''')

        then:
        job.taskConfig().task().orderConstraints() == [['a', 'b'], ['c', 'd']]
    }

    def "thermos and mesos references are kept for the executor; a port reference requests the port"() {
        when:
        def job = single('''
            p = Process(name: 'web', cmdline: 'serve --port {{thermos.ports[http]}} --id {{mesos.instance}} --admin {{thermos.ports[admin]}} {{thermos.task_id}}')
            jobs = [Service(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                            cluster: 'c', role: 'r', environment: 'prod')]
            ''')

        then:
        job.taskConfig().task().processes()[0].cmdline() ==
                'serve --port {{thermos.ports[http]}} --id {{mesos.instance}} --admin {{thermos.ports[admin]}} {{thermos.task_id}}'
        job.taskConfig().requestedPorts() == ['http', 'admin'] as Set
    }

    def "an announcer alias is not a port of its own: the scheduler is asked only for its target"() {
        when:
        def job = single('''
            p = Process(name: 'web', cmdline: 'serve {{thermos.ports[http]}} --admin {{thermos.ports[admin]}} --dbg {{thermos.ports[debug]}}')
            jobs = [Service(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                            cluster: 'c', role: 'r', environment: 'prod',
                            announce: Announcer(portmap: [admin: 'http', debug: 'admin', health: 'http']))]
            ''')

        then: 'admin and debug (an alias of an alias) end at http; health is announced, not requested'
        job.taskConfig().requestedPorts() == ['http'] as Set
        job.taskConfig().announce().portmap() == [admin: 'http', debug: 'admin', health: 'http']
    }

    def "an announcer's zk_path reaches the configuration; without it there is none"() {
        expect:
        single("""
            p = Process(name: 'web', cmdline: 'serve {{thermos.ports[http]}}')
            jobs = [Service(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                            cluster: 'c', role: 'r', environment: 'prod', announce: $announcer)]
            """).taskConfig().announce().zkPath() == zkPath

        where:
        announcer                                             || zkPath
        "Announcer(zk_path: '/services/{{role}}/{{name}}')"   || '/services/r/web'
        'Announcer()'                                         || null
    }

    def "a static port in the portmap of a dedicated job is not requested"() {
        when:
        def job = single('''
            p = Process(name: 'web', cmdline: 'serve {{thermos.ports[http]}} {{thermos.ports[metrics]}}')
            jobs = [Service(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                            cluster: 'c', role: 'r', environment: 'prod', constraints: [dedicated: 'r/web'],
                            announce: Announcer(portmap: [metrics: 9100]))]
            ''')

        then:
        job.taskConfig().requestedPorts() == ['http'] as Set
        job.taskConfig().announce().portmap() == [metrics: '9100']
    }

    def "job attributes and --bind values resolve in strings"() {
        when:
        def job = single('''
            p = Process(name: 'p', cmdline: 'echo {{role}}/{{environment}}/{{name}} on {{cluster}} v{{profile.version}} in {{task.name}}')
            jobs = [Job(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                        cluster: 'c', role: 'r', environment: 'prod', name: 'j',
                        instances: '{{profile.instances}}')]
            ''', ['profile.version': '42', 'profile.instances': '3'])

        then:
        job.taskConfig().task().processes()[0].cmdline() == 'echo r/prod/j on c v42 in p'
        job.instanceCount() == 3
    }

    def "units are 1024-based byte counts"() {
        expect:
        single("""
            jobs = [Job(task: Task(processes: [Process(name: 'p', cmdline: 'true')],
                        resources: Resources(cpu: 1, ram: $ram, disk: 1*TB)),
                        cluster: 'c', role: 'r', environment: 'prod')]
            """).taskConfig().resources() == new Resources(1.0d, ramMb, 1024L * 1024, 0)

        where:
        ram               || ramMb
        '1*MB'            || 1
        '1536*KB'         || 1
        '2*GB'            || 2048
        '3 * 1024 * 1024 * B' || 3
    }

    def "a file may define several jobs, e.g. one per environment"() {
        when:
        def result = evaluate('''
            p = Process(name: 'p', cmdline: 'true')
            t = Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
            base = Job(task: t, cluster: 'c', role: 'r', environment: 'prod', name: 'j')
            jobs = [base, base(environment: 'devel', instances: 2)]
            ''')

        then:
        !result.hasErrors()
        result.jobs()*.key()*.toString() == ['r/prod/j', 'r/devel/j']
        result.jobs()*.instanceCount() == [1, 2]
    }

    def "scheduling constraints, metadata, tier, update and health settings reach the configuration"() {
        when:
        def job = single('''
            p = Process(name: 'p', cmdline: 'true', logger: Logger(destination: 'console'))
            jobs = [Service(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB, gpu: 1)),
                    cluster: 'c', role: 'r', environment: 'prod', production: true, priority: 5,
                    contact: 'me@example.org', max_task_failures: 3,
                    constraints: [host: 'limit:1', rack: '!r1,r2'],
                    metadata: [Metadata(key: 'k', value: 'v')],
                    update_config: UpdateConfig(watch_secs: 10, update_strategy: BatchUpdateStrategy(batch_size: 2)),
                    health_check_config: HealthCheckConfig(
                        health_checker: HealthCheckerConfig(shell: ShellHealthChecker(shell_command: 'true')),
                        interval_secs: 5),
                    lifecycle: LifecycleConfig())]
            ''')
        def config = job.taskConfig()

        then:
        config.production()
        config.tier() == 'preferred'
        config.priority() == 5
        config.contact() == 'me@example.org'
        config.maxTaskFailures() == 3
        config.resources().gpu() == 1
        config.constraints()*.attribute() == ['host', 'rack']
        config.constraints()[0].limit() == 1
        config.constraints()[1].negated()
        config.constraints()[1].values() == ['r1', 'r2'] as Set
        config.metadata()*.key() == ['k']
        config.task().processes()[0].logger().destination() == LoggerDestination.CONSOLE
        config.task().healthCheck().shell().shellCommand() == 'true'
        config.task().healthCheck().http() == null
        config.task().healthCheck().intervalSecs() == 5.0d
        config.task().lifecycle() == null
        job.updateSettings().watchSecs() == 10
        job.updateSettings().strategy() == UpdateStrategyKind.BATCH
        job.updateSettings().batchSize() == 2
    }

    def "a variable named like the file still works"() {
        expect:
        !evaluator.evaluate('fail.groovy', '''
            fail = Process(name: 'fail', cmdline: 'exit 1')
            jobs = [Job(task: Task(processes: [fail], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                        cluster: 'c', role: 'r', environment: 'prod')]
            ''', [:]).hasErrors()
    }

    def ".bind on a job reaches the objects it contains; the closer binding wins; --bind overrides"() {
        given:
        def text = '''
            p = Process(name: 'p', cmdline: 'serve {{profile.version}} as {{profile.role}} x{{who}}')
            q = Process(name: 'q', cmdline: 'echo {{who}}').bind(who: 'process')
            task = Task(processes: [p, q], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB))
            jobs = [Service(task: task, cluster: 'c', role: '{{profile.role}}', environment: 'prod',
                            name: 'j', instances: '{{profile.instances}}')
                    .bind(profile: [role: 'www-data', version: 1, instances: 2], who: 'job')]
            '''

        when:
        def bound = single(text)
        def overridden = single(text, ['profile.version': '7', 'profile.instances': '3'])

        then:
        bound.key().role() == 'www-data'
        bound.instanceCount() == 2
        bound.taskConfig().task().processes()*.cmdline() == ['serve 1 as www-data xjob',
                                                             'echo process']
        overridden.instanceCount() == 3
        overridden.taskConfig().task().processes()[0].cmdline() == 'serve 7 as www-data xjob'
    }

    def "a bound value may itself hold a reference"() {
        expect:
        single('''
            p = Process(name: 'p', cmdline: 'echo {{greeting}}')
            jobs = [Job(task: Task(processes: [p], resources: Resources(cpu: 1, ram: 1*MB, disk: 1*MB)),
                        cluster: 'c', role: 'r', environment: 'prod').bind(greeting: 'hi {{role}}')]
            ''').taskConfig().task().processes()[0].cmdline() == 'echo hi r'
    }

    def "Tasks.combine runs processes side by side: resources add up, finalization_wait is the largest"() {
        when:
        def task = single('''
            a = Task(processes: [Process(name: 'a', cmdline: 'true')], finalization_wait: 10,
                     resources: Resources(cpu: 0.5, ram: 64*MB, disk: 128*MB))
            b = SequentialTask(processes: [Process(name: 'b1', cmdline: 'true'), Process(name: 'b2', cmdline: 'true')],
                     finalization_wait: 20, resources: Resources(cpu: 0.25, ram: 32*MB, disk: 16*MB, gpu: 1))
            jobs = [Job(task: Tasks.combine(a, b), cluster: 'c', role: 'r', environment: 'prod', name: 'j')]
            ''').taskConfig()

        then:
        task.task().processes()*.name() == ['a', 'b1', 'b2']
        task.task().orderConstraints() == [['b1', 'b2']]
        task.resources() == new Resources(0.75d, 96, 144, 1)
        task.task().finalizationWaitSecs() == 20
        task.task().name() == 'a'
    }

    def "Tasks.concat runs each task's processes after the previous task's: resources are the largest, waits add up"() {
        when:
        def task = single('''
            a = Task(processes: [Process(name: 'a1', cmdline: 'true'), Process(name: 'a2', cmdline: 'true')],
                     finalization_wait: 10, resources: Resources(cpu: 0.5, ram: 64*MB, disk: 128*MB))
            b = Task(name: 'both', processes: [Process(name: 'b', cmdline: 'true')],
                     finalization_wait: 20, resources: Resources(cpu: 0.25, ram: 128*MB, disk: 16*MB))
            jobs = [Job(task: Tasks.concat(a, b), cluster: 'c', role: 'r', environment: 'prod')]
            ''').taskConfig()

        then:
        task.task().processes()*.name() == ['a1', 'a2', 'b']
        task.task().orderConstraints() == [['a1', 'b'], ['a2', 'b']]
        task.resources() == new Resources(0.5d, 128, 128, 0)
        task.task().finalizationWaitSecs() == 30
        task.task().name() == 'both'
        task.job().name() == 'both'
    }

    def "a cron job keeps its schedule and collision policy"() {
        when:
        def job = single('''
            jobs = [Job(task: SimpleTask('tick', 'date'), cluster: 'c', role: 'r', environment: 'prod',
                        cron_schedule: '*/5 * * * MON-FRI', cron_collision_policy: 'CANCEL_NEW')]
            ''')

        then:
        job.cronSchedule() == '*/5 * * * MON-FRI'
        job.cronCollisionPolicy() == CronCollisionPolicy.CANCEL_NEW
        job.key().name() == 'tick'
        job.taskConfig().resources() == new Resources(1.0d, 1024, 1024, 0)
        job.cronTimezone() == null
        job.effectiveCronTimezone() == 'UTC'
    }

    def "cron_timezone is carried as given"() {
        when:
        def job = single('''
            jobs = [Job(task: SimpleTask('tick', 'date'), cluster: 'c', role: 'r', environment: 'prod',
                        cron_schedule: '0 9 * * *', cron_timezone: 'America/New_York')]
            ''')

        then:
        job.cronTimezone() == 'America/New_York'
        job.effectiveCronTimezone() == 'America/New_York'
    }
}
