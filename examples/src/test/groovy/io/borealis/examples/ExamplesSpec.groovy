package io.borealis.examples

import io.borealis.api.model.JobConfiguration
import io.borealis.dsl.script.Evaluation
import io.borealis.dsl.script.JobFileEvaluator
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification

/**
 * Every job file in examples/ (and the Aurora ports in examples/aurora/) evaluates without a
 * single diagnostic, and the examples of each feature resolve to what they say they show.
 */
class ExamplesSpec extends Specification {
    /** What Aurora's end-to-end tests bind on the command line for some of its files. */
    static final Map<String, Map<String, String>> BINDINGS = [
            'ephemeral_daemon_with_final.groovy': ['stop_file': '/tmp/stop'],
            'test_daemonizing_process.groovy'   : ['term_file': '/tmp/term']]

    @Shared
    Path examples = Path.of(System.getProperty('basedir', '.'))

    static List<Path> jobFiles(Path dir) {
        Files.list(dir).withCloseable { files ->
            files.filter { it.fileName.toString().endsWith('.groovy') }.sorted().toList()
        }
    }

    static List<Path> allJobFiles() {
        Path root = Path.of(System.getProperty('basedir', '.'))
        jobFiles(root) + jobFiles(root.resolve('aurora'))
    }

    Evaluation evaluate(String file, Map<String, String> bindings = [:]) {
        new JobFileEvaluator().evaluate(examples.resolve(file), bindings)
    }

    JobConfiguration only(String file, Map<String, String> bindings = [:]) {
        Evaluation evaluation = evaluate(file, bindings)
        assert evaluation.diagnostics()*.format() == []
        assert evaluation.jobs().size() == 1
        evaluation.jobs()[0]
    }

    def "the examples directory holds a file for every feature"() {
        expect:
        jobFiles(examples)*.fileName*.toString().containsAll(['hello_world.groovy', 'fail.groovy',
                'cron_job.groovy', 'process_graph.groovy', 'health_checks.groovy',
                'rolling_updates.groovy', 'docker.groovy', 'profiles.groovy',
                'combined_tasks.groovy', 'scheduling.groovy'])
    }

    def "#file.fileName evaluates without problems"() {
        when:
        def evaluation = new JobFileEvaluator().evaluate(file,
                BINDINGS.getOrDefault(file.fileName.toString(), [:]))

        then:
        evaluation.diagnostics()*.format() == []
        !evaluation.jobs().isEmpty()

        where:
        file << allJobFiles()
    }

    def "#file.fileName fits the devcluster's small machine"() {
        expect:
        new JobFileEvaluator().evaluate(file, [:]).jobs().every { job ->
            def resources = job.taskConfig().resources()
            job.cluster() == 'devcluster' && resources.cpu() <= 0.25d
                    && resources.ramMb() <= 64 && resources.diskMb() <= 64
        }

        where:
        file << jobFiles(Path.of(System.getProperty('basedir', '.')))
    }

    def "hello_world is the devcluster service that fits a laptop"() {
        when:
        def job = only('hello_world.groovy')

        then:
        job.cluster() == 'devcluster'
        job.key().toString() == 'www-data/prod/hello'
        job.taskConfig().isService()
        job.taskConfig().resources().cpu() == 0.1d
        job.taskConfig().resources().ramMb() == 16
        job.taskConfig().resources().diskMb() == 16
        job.taskConfig().task().processes()*.cmdline()[0].contains('echo hello world')
    }

    def "fail is a batch job whose only process exits 1"() {
        when:
        def job = only('fail.groovy')

        then:
        job.cluster() == 'devcluster'
        job.key().toString() == 'www-data/prod/fail'
        !job.taskConfig().isService()
        job.taskConfig().task().processes()*.name() == ['fail']
        job.taskConfig().task().processes()[0].cmdline().endsWith('exit 1')
    }

    def "cron_job keeps its schedule and collision policy"() {
        when:
        def job = only('cron_job.groovy')

        then:
        job.cronSchedule() == '*/5 * * * MON-FRI'
        job.cronCollisionPolicy().name() == 'CANCEL_NEW'
        job.cronTimezone() == 'Europe/Paris'
    }

    def "process_graph has an order, a daemon, an ephemeral and a final process"() {
        when:
        def task = only('process_graph.groovy').taskConfig().task()

        then:
        task.orderConstraints() == [['fetch', 'unpack', 'serve']]
        task.processes().findAll { it.daemon() }*.name() == ['heartbeat']
        task.processes().findAll { it.ephemeral() }*.name() == ['sidecar']
        task.processes().findAll { it.isFinal() }*.name() == ['flush']
        task.maxConcurrency() == 4
    }

    def "health_checks has an http checker on the health port and a shell checker"() {
        when:
        def jobs = evaluate('health_checks.groovy').jobs()

        then:
        jobs[0].taskConfig().requestedPorts() == ['health'] as Set
        jobs[0].taskConfig().task().healthCheck().http().endpoint() == '/health'
        jobs[0].taskConfig().task().lifecycle().port() == 'health'
        jobs[1].taskConfig().task().healthCheck().shell().shellCommand() == 'test -e ready'
        jobs[1].taskConfig().task().lifecycle() == null
    }

    def "rolling_updates has one job per update strategy"() {
        expect:
        evaluate('rolling_updates.groovy').jobs().collectEntries {
            [(it.key().name()): [it.updateSettings().strategy().name(), it.updateSettings().batchSize(),
                                 it.updateSettings().batchSizes(),
                                 it.updateSettings().autopauseAfterBatch()]]
        } == [queue   : ['QUEUE', 2, [], false],
              batch   : ['BATCH', 2, [], true],
              variable: ['VARIABLE_BATCH', 1, [1, 2, 3], false]]
    }

    def "docker runs the task in an image with parameters and a volume"() {
        when:
        def container = only('docker.groovy').taskConfig().container()

        then:
        container.image() == 'localhost/busybox:latest'
        container.parameters()*.name() == ['env']
        container.volumes()*.containerPath() == ['/data']
        container.volumes()*.mode()*.name() == ['RO']
    }

    def "profiles: values bound with .bind fill the templates, and --bind overrides them"() {
        when:
        def bound = evaluate('profiles.groovy').jobs()
        def overridden = evaluate('profiles.groovy',
                ['profile.version': '2.0', 'profile.instances': '3']).jobs()

        then:
        bound*.key()*.toString() == ['www-data/prod/profiled', 'www-data/devel/profiled']
        bound*.instanceCount() == [1, 1]
        bound*.taskConfig()*.task()*.processes()*.getAt(0)*.cmdline() == [
                'echo serving web 1.0 on {{thermos.ports[http]}}',
                'echo serving web 1.1-rc on {{thermos.ports[http]}}']
        bound[0].taskConfig().requestedPorts() == ['http'] as Set
        overridden*.instanceCount() == [3, 3]
        overridden[0].taskConfig().task().processes()[0].cmdline() ==
                'echo serving web 2.0 on {{thermos.ports[http]}}'
    }

    def "combined_tasks builds tasks from tasks"() {
        when:
        def jobs = evaluate('combined_tasks.groovy').jobs()

        then:
        jobs[0].key().name() == 'pipeline'
        jobs[0].taskConfig().task().orderConstraints() == [['produce', 'consume'],
                                                           ['prepare', 'produce'],
                                                           ['prepare', 'consume']]
        jobs[1].taskConfig().task().processes()*.name() == ['prepare', 'produce', 'consume', 'log']
        jobs[1].taskConfig().resources().cpu() == 0.15d
    }

    def "scheduling reaches constraints, tier, metadata, announcer and policies"() {
        when:
        def config = only('scheduling.groovy').taskConfig()

        then:
        config.constraints()*.attribute() == ['host', 'rack']
        config.tier() == 'preemptible'
        config.priority() == 1
        config.metadata()*.value() == ['web', 'www-data']
        config.requestedPorts() == ['http'] as Set
        config.partitionPolicy().delaySecs() == 30
        config.slaPolicy().percentage().percentage() == 50d
    }
}
