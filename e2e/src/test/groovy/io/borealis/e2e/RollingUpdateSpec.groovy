package io.borealis.e2e

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Rolling updates and restarts with the real programs, on one cluster for the whole class (each
 * feature has a job of its own and kills it at the end): the instance count going 1 → 3 → 1 → 3,
 * VariableBatch, pause / resume / abort and `update wait`'s exit codes, a failing health check
 * rolled back, the scheduler SIGKILLed mid-update, and `job restart`.
 */
class RollingUpdateSpec extends Specification {
    static final String JOB = 'devcluster/www-data/prod/rolling'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home).start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    Path jobFile(String version) {
        jobFile('rolling', version, 3, 'UpdateConfig(batch_size: 1, watch_secs: 1)')
    }

    /**
     * A service whose process prints {@code version} and sleeps; {@code extra} is added to the
     * Service's arguments (e.g. a health check).
     */
    Path jobFile(String name, String version, int instances, String updateConfig,
            String extra = '') {
        Path file = home.resolve("${name}-${version}-${instances}.groovy")
        Files.writeString(file, """
            main = Process(name: 'main', cmdline: 'echo ${version}; while true; do sleep 1; done')
            jobs = [Service(
              task: Task(processes: [main], resources: Resources(cpu: 0.05, ram: 16*MB, disk: 16*MB)),
              cluster: 'devcluster', role: 'www-data', environment: 'prod', name: '${name}',
              update_config: ${updateConfig},
              ${extra}
              instances: ${instances})]
            """.stripIndent())
        file
    }

    /** Creates the job and waits until its instances run. */
    void create(String job, Path file, int instances) {
        def created = cluster.borealis('job', 'create', job, file.toString())
        assert created.exit == 0: created.toString()
        conditions.eventually {
            assert cluster.status(job).active*.status == ['RUNNING'] * instances
        }
    }

    /** The command lines of the processes of an active task, joined. */
    static String commandsOf(String taskId) {
        LocalCluster.processesWith('BOREALIS_TASK_ID', taskId).collect { pid ->
            try {
                new String(Files.readAllBytes(Path.of("/proc/${pid}/cmdline")), 'UTF-8')
                        .replace('\u0000', ' ')
            } catch (IOException ignored) {
                ''
            }
        }.join('\n')
    }

    void killall(String job) {
        assert cluster.borealis('job', 'killall', job).exit == 0
    }

    def "update start --wait rolls a changed command onto every instance, one at a time"() {
        given: 'three instances of v1 running'
        create(JOB, jobFile('v1'), 3)
        Set<String> v1Tasks = cluster.status(JOB).active*.taskId as Set

        when:
        def started = cluster.borealis('update', 'start', JOB, jobFile('v2').toString(), '--wait',
                '--message', 'to v2')

        then: 'the id alone on stdout, and no progress line: output is not a terminal'
        started.exit == 0
        String id = started.out.readLines()[0].trim()
        !started.err.contains('instances done')

        and: 'three new RUNNING tasks, none of them the old ones'
        conditions.eventually {
            def active = cluster.status(JOB).active
            assert active*.status == ['RUNNING'] * 3
            assert (active*.taskId as Set).intersect(v1Tasks).isEmpty()
        }

        and: 'the update says ROLLED_FORWARD, each instance SUCCEEDED, each killed once'
        def update = cluster.updateInfo(JOB, id)
        update.id == id
        update.job == 'www-data/prod/rolling'
        update.status == 'ROLLED_FORWARD'
        update.instances*.state == ['SUCCEEDED'] * 3
        update.events.count { it.status == 'KILLING' } == 3

        and: 'it is listed'
        def list = new JsonSlurper().parseText(
                cluster.borealis('update', 'list', 'devcluster/www-data', '--write-json').out)
        list*.id == [id]
        list[0].keySet() == ['job', 'id', 'status', 'user', 'started', 'lastModified'] as Set

        and: 'the same file again changes nothing and is refused'
        def again = cluster.borealis('update', 'start', JOB, jobFile('v2').toString())
        again.exit == 10
        again.err.contains('changes nothing')

        and: 'update wait on the ended update exits 0'
        cluster.borealis('update', 'wait', JOB, id).exit == 0

        cleanup:
        killall(JOB)
    }

    def "an update takes the job from 1 to 3 to 1 to 3 instances, each on the new command"() {
        given:
        String job = 'devcluster/www-data/prod/scale'
        String config = 'UpdateConfig(batch_size: 3, watch_secs: 1)'
        create(job, jobFile('scale', 'v1', 1, config), 1)

        expect:
        [['v2', 3], ['v3', 1], ['v4', 3]].every { version, count ->
            def result = cluster.borealis('update', 'start', job,
                    jobFile('scale', version, count, config).toString(), '--wait')
            assert result.exit == 0: result.toString()
            def active = cluster.status(job).active
            assert active*.instance == (0..<count).toList()
            assert active*.status == ['RUNNING'] * count
            active.each { assert commandsOf(it.taskId).contains("echo ${version}") }
            true
        }

        cleanup:
        killall(job)
    }

    def "a VariableBatch update moves 1, then 2, then 3 instances"() {
        given:
        String job = 'devcluster/www-data/prod/variable'
        String config = 'UpdateConfig(watch_secs: 1, ' +
                'update_strategy: VariableBatchUpdateStrategy(batch_sizes: [1, 2, 3]))'
        create(job, jobFile('variable', 'v1', 6, config), 6)

        when:
        def result = cluster.borealis('update', 'start', job,
                jobFile('variable', 'v2', 6, config).toString(), '--wait')

        then:
        result.exit == 0
        def update = cluster.updateInfo(job, result.out.readLines()[0].trim())
        update.instances.sort { it.instance }*.batch == [1, 2, 2, 3, 3, 3]
        update.instances*.state == ['SUCCEEDED'] * 6

        cleanup:
        killall(job)
    }

    def "pause holds an update, resume carries it on, abort ends it; update wait says how it ended"() {
        given:
        String job = 'devcluster/www-data/prod/paused'
        String config = 'UpdateConfig(batch_size: 1, watch_secs: 20)'
        create(job, jobFile('paused', 'v1', 2, config), 2)
        def started = cluster.borealis('update', 'start', job,
                jobFile('paused', 'v2', 2, config).toString())
        assert started.exit == 0
        String id = started.out.trim()

        when:
        def paused = cluster.borealis('update', 'pause', job, '--message', 'lunch')

        then:
        paused.exit == 0
        paused.out.contains('ROLL_FORWARD_PAUSED')
        cluster.updateInfo(job, id).status == 'ROLL_FORWARD_PAUSED'

        and: 'waiting on a paused update times out: exit 9'
        cluster.borealis('update', 'wait', job, id, '--wait-timeout', '2s').exit == 9

        when:
        def resumed = cluster.borealis('update', 'resume', job)

        then:
        resumed.exit == 0
        cluster.updateInfo(job, id).status == 'ROLLING_FORWARD'

        when:
        def aborted = cluster.borealis('update', 'abort', job, '--message', 'enough')
        def waited = cluster.borealis('update', 'wait', job, id)

        then: 'exit 4 for an update that ended other than ROLLED_FORWARD'
        aborted.exit == 0
        waited.exit == 4
        waited.err.contains("ended ABORTED")
        cluster.updateInfo(job, id).status == 'ABORTED'

        and: 'with no active update, pause is refused (exit 10), naming the problem'
        def again = cluster.borealis('update', 'pause', job)
        again.exit == 10
        again.err.contains("cannot pause: job www-data/prod/paused has no active update")

        cleanup:
        killall(job)
    }

    def "a new configuration whose health check fails is rolled back, the old one on every instance"() {
        given:
        String job = 'devcluster/www-data/prod/healthy'
        String config = 'UpdateConfig(batch_size: 1, watch_secs: 2, rollback_on_failure: true)'
        create(job, jobFile('healthy', 'v1', 2, config), 2)
        String failing = """health_check_config: HealthCheckConfig(
                health_checker: HealthCheckerConfig(shell: ShellHealthChecker(
                  shell_command: 'echo not ready; exit 1')),
                initial_interval_secs: 1, interval_secs: 1, max_consecutive_failures: 1),"""

        when:
        def result = cluster.borealis('update', 'start', job,
                jobFile('healthy', 'v2', 2, config, failing).toString(), '--wait')

        then: 'exit 4; the status names the instance and the health check'
        result.exit == 4
        def update = cluster.updateInfo(job, result.out.readLines()[0].trim())
        update.status == 'ROLLED_BACK'
        update.events.any { it.status == 'ROLLING_BACK' && it.message.contains('instance 0 failed')
                && it.message.contains('Failed health check!') }

        and: 'every instance runs v1 again'
        conditions.eventually {
            def active = cluster.status(job).active
            assert active*.status == ['RUNNING'] * 2
            active.each { assert commandsOf(it.taskId).contains('echo v1') }
        }

        cleanup:
        killall(job)
    }

    def "a scheduler SIGKILLed in the middle of an update finishes it, each instance updated once"() {
        given:
        String job = 'devcluster/www-data/prod/crash'
        String config = 'UpdateConfig(batch_size: 1, watch_secs: 3)'
        create(job, jobFile('crash', 'v1', 4, config), 4)
        def started = cluster.borealis('update', 'start', job,
                jobFile('crash', 'v2', 4, config).toString())
        assert started.exit == 0
        String id = started.out.trim()

        when: 'the first instance is done, the scheduler is killed and started again'
        conditions.eventually {
            assert cluster.updateInfo(job, id).instances.count { it.state == 'SUCCEEDED' } >= 1
        }
        cluster.killProgram('scheduler')
        cluster.startScheduler()
        cluster.waitForHttp("${cluster.schedulerUrl}/health")
        def waited = cluster.borealis('update', 'wait', job, id)

        then:
        waited.exit == 0
        def update = cluster.updateInfo(job, id)
        update.status == 'ROLLED_FORWARD'
        LocalCluster.replacedOnce(update, 4)
        conditions.eventually {
            def active = cluster.status(job).active
            assert active*.status == ['RUNNING'] * 4
            active.each { assert commandsOf(it.taskId).contains('echo v2') }
        }

        cleanup:
        killall(job)
    }

    def "job restart --batch-size 2 restarts every instance once, two at a time"() {
        given:
        String job = 'devcluster/www-data/prod/restart'
        create(job, jobFile('restart', 'v1', 4, 'UpdateConfig(batch_size: 1, watch_secs: 1)'), 4)
        Set<String> before = cluster.status(job).active*.taskId as Set

        when:
        def restarted = cluster.borealis('job', 'restart', job, '--batch-size', '2')

        then:
        restarted.exit == 0
        def update = cluster.updateInfo(job, restarted.out.readLines()[0].trim())
        update.status == 'ROLLED_FORWARD'
        update.instances.sort { it.instance }*.batch == [1, 1, 2, 2]
        (0..3).every { instance ->
            update.events.count { it.instance == instance && it.status == 'KILLING' } == 1
        }

        and: 'four new tasks, each on the same command as before'
        conditions.eventually {
            def active = cluster.status(job).active
            assert active*.status == ['RUNNING'] * 4
            assert (active*.taskId as Set).intersect(before).isEmpty()
            active.each { assert commandsOf(it.taskId).contains('echo v1') }
        }

        and: 'a restart of an instance that does not exist is refused, naming it'
        def bad = cluster.borealis('job', 'restart', "${job}/7")
        bad.exit == 10
        bad.err.contains('has no active instance [7]')

        cleanup:
        killall(job)
    }
}
