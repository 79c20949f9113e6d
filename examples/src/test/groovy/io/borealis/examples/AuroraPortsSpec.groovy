package io.borealis.examples

import io.borealis.api.model.CronCollisionPolicy
import io.borealis.api.model.HealthCheckConfig
import io.borealis.api.model.HttpHealthChecker
import io.borealis.api.model.HttpLifecycleConfig
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.api.model.PartitionPolicy
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.UpdateSettings
import io.borealis.api.model.UpdateStrategyKind
import io.borealis.dsl.script.JobFileEvaluator
import java.nio.file.Path
import spock.lang.Specification

/**
 * Aurora's own example and end-to-end job files, ported by changing only call syntax and quoting
 * (examples/aurora/), resolve to the values Aurora's client would produce, defaults included.
 */
class AuroraPortsSpec extends Specification {
    static final Path DIR = Path.of(System.getProperty('basedir', '.')).resolve('aurora')
    static final String USER = System.getProperty('user.name')
    static final Logger DEFAULT_LOGGER = new Logger(LoggerDestination.FILE, LoggerMode.STANDARD,
            100L * 1024 * 1024, 5)
    static final HealthCheckConfig DEFAULT_HEALTH = new HealthCheckConfig(
            new HttpHealthChecker('/health', 'ok', 0), null, 15.0d, 10.0d, 0, 1, 1.0d)
    static final HttpLifecycleConfig DEFAULT_LIFECYCLE = new HttpLifecycleConfig('health',
            ['/quitquitquit'], ['/abortabortabort'], 5, 5)
    static final UpdateSettings DEFAULT_UPDATE = new UpdateSettings(1, 45, 0, 0, true, false,
            null, false, UpdateStrategyKind.QUEUE, [], false)

    static List<JobConfiguration> jobs(String file, Map<String, String> bindings = [:]) {
        def evaluation = new JobFileEvaluator().evaluate(DIR.resolve(file), bindings)
        assert evaluation.diagnostics()*.format() == []
        evaluation.jobs()
    }

    static Process process(String name, String cmdline) {
        process([:], name, cmdline)
    }

    static Process process(Map flags, String name, String cmdline) {
        new Process(name, cmdline, flags.maxFailures ?: 1, flags.daemon ?: false,
                flags.ephemeral ?: false, 5, flags.isFinal ?: false, DEFAULT_LOGGER)
    }

    static final String HELLO_LOOP = '''
    while true; do
      echo hello world
      sleep 10
    done
  '''

    def "hello_world: a service with every default of Aurora's schema"() {
        when:
        def job = jobs('hello_world.groovy')[0]

        then:
        def key = new JobKey('www-data', 'prod', 'hello')
        def spec = new TaskSpec('hello', [process('hello', HELLO_LOOP)], [], 1, 0, 30,
                DEFAULT_HEALTH, DEFAULT_LIFECYCLE)
        job == new JobConfiguration(key, '', 1, new TaskConfig(key, true, 0, false, null, 1,
                new Resources(1.0d, 128, 128, 0), [], [] as Set, spec, null, [], null, null,
                null, null), null, CronCollisionPolicy.KILL_EXISTING, DEFAULT_UPDATE,
                'devcluster')
    }

    def "cron_hello_world: a cron job of a SimpleTask (1 cpu, 1 GB of ram and disk)"() {
        when:
        def job = jobs('cron_hello_world.groovy')[0]

        then:
        job.key() == new JobKey('www-data', 'test', 'cron_hello_world')
        job.cronSchedule() == '*/5 * * * *'
        job.cronCollisionPolicy() == CronCollisionPolicy.KILL_EXISTING
        !job.taskConfig().isService()
        job.taskConfig().maxTaskFailures() == 1
        job.taskConfig().resources() == new Resources(1.0d, 1024, 1024, 0)
        job.taskConfig().task().processes() == [process('cron_hello_world',
                'echo "Hello world from cron, the time is now $(date --rfc-822)"')]
    }

    def "hello_world_variable_update: six instances updated 1, 2, 3 at a time"() {
        when:
        def job = jobs('hello_world_variable_update.groovy')[0]

        then:
        job.instanceCount() == 6
        job.taskConfig().resources() == new Resources(0.1d, 8, 8, 0)
        job.updateSettings() == new UpdateSettings(1, 45, 0, 0, true, false, null, false,
                UpdateStrategyKind.VARIABLE_BATCH, [1, 2, 3], false)
    }

    def "ephemeral_daemon_with_final: an ephemeral daemon, a main and a final process"() {
        when:
        def job = jobs('ephemeral_daemon_with_final.groovy', ['stop_file': '/tmp/stop'])[0]

        then:
        job.key() == new JobKey(USER, 'test', 'ephemeral_daemon_with_final')
        job.taskConfig().contact() == USER + '@localhost'
        job.taskConfig().task().processes() == [
                process('ephemeral_daemon', 'echo "ephemeral daemon started"; sleep 3600',
                        daemon: true, ephemeral: true),
                process('main', 'while [[ ! -e /tmp/stop ]]; do sleep 1; done; echo "main OK"'),
                process('final', 'rm /tmp/stop; echo "final OK"', isFinal: true)]
        job.taskConfig().task().orderConstraints() == []
        job.taskConfig().resources() == new Resources(0.4d, 32, 64, 0)
    }

    def "test_daemonizing_process: write_program runs before run_daemon"() {
        when:
        def job = jobs('test_daemonizing_process.groovy', ['term_file': '/tmp/term'])[0]

        then:
        job.key() == new JobKey('vagrant', 'test', 'daemonize')
        job.taskConfig().isService()
        job.taskConfig().task().name() == 'hello'
        job.taskConfig().task().processes()*.name() == ['hello', 'write_program', 'run_daemon']
        job.taskConfig().task().processes()[1].cmdline().contains('os.remove("/tmp/term")')
        job.taskConfig().task().orderConstraints() == [['write_program', 'run_daemon']]
        job.taskConfig().resources() == new Resources(1.0d, 1, 100, 0)
    }

    def "partition_aware: three copies of one service with different partition policies"() {
        when:
        def all = jobs('partition_aware.groovy')

        then:
        all*.key()*.name() == ['partition_aware_default', 'partition_aware_disabled',
                               'partition_aware_delay']
        all*.taskConfig()*.partitionPolicy() == [null, new PartitionPolicy(false, 0),
                                                 new PartitionPolicy(true, 86400)]
        all.every { it.taskConfig().resources() == new Resources(0.2d, 1, 8, 0) }
    }

    def "sla_policy: count, percentage and coordinator policies on preferred services"() {
        when:
        def all = jobs('sla_policy.groovy')

        then:
        all*.key()*.name() == ['count', 'percentage', 'coordinator']
        all*.instanceCount() == [2, 2, 2]
        all*.taskConfig()*.tier() == ['preferred', 'preferred', 'preferred']
        all[0].taskConfig().slaPolicy().count().count() == 1
        all[0].taskConfig().slaPolicy().count().durationSecs() == 60
        all[1].taskConfig().slaPolicy().percentage().percentage() == 50d
        all[2].taskConfig().slaPolicy().coordinator().coordinatorUrl() == 'http://localhost:8080'
        all[2].taskConfig().slaPolicy().coordinator().statusKey() == 'drain'
        all[2].taskConfig().task().processes()[1].cmdline() ==
                'python sla_coordinator.py {{mesos.instance}}'
        all[2].taskConfig().task().orderConstraints() == [['copy_coordinator', 'run_coordinator']]
    }

    def "http_example: one job, three variants, each binding its own {{cmd}}"() {
        when:
        def all = jobs('http_example.groovy')

        then:
        all*.key()*.name() == ['http_example', 'http_example_revocable', 'http_example_docker']
        all*.taskConfig()*.task()*.processes()*.getAt(0)*.cmdline() == [
                'cp /vagrant/src/test/sh/org/apache/aurora/e2e/http_example.py .',
                'cp /vagrant/src/test/sh/org/apache/aurora/e2e/http_example.py .',
                'cp /tmp/http_example.py .']
        all*.taskConfig()*.tier() == [null, 'revocable', null]
        all*.taskConfig()*.container()*.image() == [null, null, 'http_example']
        all.every {
            it.instanceCount() == 2 && it.taskConfig().requestedPorts() == ['http'] as Set &&
                    it.taskConfig().contact() == USER + '@localhost' &&
                    it.updateSettings().batchSize() == 2 && it.updateSettings().watchSecs() == 10 &&
                    it.taskConfig().task().healthCheck() == new HealthCheckConfig(
                            new HttpHealthChecker('/health', 'ok', 0), null, 5.0d, 1.0d, 0, 1, 1.0d) &&
                    it.taskConfig().announce().primaryPort() == 'http'
        }
    }

    def "http_example_updated and the docker pair: the values each update changes"() {
        expect:
        def job = jobs(file)[0]
        [job.key().name(), job.taskConfig().isService(), job.instanceCount(),
         job.taskConfig().resources().ramMb(), job.updateSettings().batchSize(),
         job.taskConfig().constraints()[0].limit(), job.taskConfig().container()?.image()] == values

        where:
        file                                 || values
        'http_example_updated.groovy'        || ['http_example', false, 4, 34, 2, 4, null]
        'http_example_docker.groovy'         || ['http_example_docker', true, 2, 32, 2, 2, 'http_example']
        'http_example_docker_updated.groovy' || ['http_example_docker', true, 3, 34, 3, 4, 'http_example']
    }
}
