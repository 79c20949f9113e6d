package io.borealis.e2e

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The scheduler's multi-tenant core through the real programs: one scheduler, four agents posing
 * as four hosts (agent-0 and agent-2 on rack-a, agent-1 on rack-b, agent-d dedicated to
 * www-data/db), the real clients. Spreading, limits, rack constraints, dedicated hosts, quotas,
 * preemption, agent loss and a scheduler crash, one after the other on one cluster; each step
 * kills its jobs before the next.
 */
@Stepwise
class SchedulerCoreSpec extends Specification {
    static final List<String> SHARED_HOSTS = ['agent-0', 'agent-1', 'agent-2']
    static final String DEDICATED_HOST = 'agent-d'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    Path jobs

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home)
        cluster.schedulerArgs = ['--preemption-delay', '0s']
        cluster.startScheduler()
        cluster.waitForHttp("${cluster.schedulerUrl}/health")
        cluster.startAgentAs('agent-0', [rack: 'rack-a'], 2, 1024, 8192)
        cluster.startAgentAs('agent-1', [rack: 'rack-b'], 2, 1024, 8192)
        cluster.startAgentAs('agent-2', [rack: 'rack-a'], 2, 1024, 8192)
        cluster.startAgentAs(DEDICATED_HOST, [rack: 'rack-b', dedicated: 'www-data/db'], 2, 1024, 8192)
        new PollingConditions(timeout: 90, delay: 0.5).eventually {
            assert cluster.get("${cluster.schedulerUrl}/agents").count('class="agent"') == 4
        }
        jobs = Files.createDirectories(home.resolve('jobs'))
    }

    def cleanupSpec() {
        cluster?.close()
    }

    def "three instances of a service land on three different hosts"() {
        given:
        def key = create('spread', 3, '')

        expect:
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.status == ['RUNNING'] * 3
            assert (active*.host as Set).size() == 3
            assert active.every { it.host in SHARED_HOSTS }
        }

        cleanup:
        killall(key)
    }

    def "host limit:1 with four instances leaves one PENDING and says why"() {
        given:
        def key = create('limited', 4, "constraints: [host: 'limit:1'],")

        expect:
        conditions.eventually {
            def active = cluster.status(key).active
            assert active.count { it.status == 'RUNNING' } == 3
            assert (active.findAll { it.status == 'RUNNING' }*.host as Set) == SHARED_HOSTS as Set
            def pending = active.findAll { it.status == 'PENDING' }
            assert pending.size() == 1
            assert pending[0].pendingReason.contains('Limit not satisfied: host')
        }

        and: 'the text status says it too'
        cluster.borealis('job', 'status', key).out.contains('Limit not satisfied: host')

        cleanup:
        killall(key)
    }

    def "a rack value constraint keeps every instance on that rack"() {
        given:
        def key = create('racked', 4, "constraints: [rack: 'rack-a'],")

        expect:
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.status == ['RUNNING'] * 4
            assert active.every { it.host in ['agent-0', 'agent-2'] }
        }

        cleanup:
        killall(key)
    }

    def "a dedicated host takes only its dedicated job, and the job runs only there"() {
        given:
        def dedicated = create('db', 2, "constraints: [dedicated: 'www-data/db'],")
        def ordinary = create('ordinary', 6, '')

        expect:
        conditions.eventually {
            def db = cluster.status(dedicated).active
            assert db*.status == ['RUNNING'] * 2
            assert db.every { it.host == DEDICATED_HOST }
            def others = cluster.status(ordinary).active
            assert others*.status == ['RUNNING'] * 6
            assert others.every { it.host in SHARED_HOSTS }
        }

        cleanup:
        killall(dedicated)
        killall(ordinary)
    }

    def "a production job over quota is refused naming the shortfall; increase_quota lets it in"() {
        when:
        def set = cluster.admin('set_quota', 'devcluster', 'www-data', '1', '600m', '1g')
        def refused = cluster.borealis('job', 'create', 'devcluster/www-data/prod/big',
                jobFile('big', 1, "production: true,", 0.1, 700).toString())

        then:
        set.exit == 0
        refused.exit == 10
        def said = refused.out + refused.err
        said.contains('www-data')
        said.contains('RAM')
        said.contains('700')
        cluster.status('devcluster/www-data/prod/big').active.isEmpty()

        when:
        def increased = cluster.admin('increase_quota', 'devcluster', 'www-data', '0', '200m', '0')
        def quota = cluster.borealis('quota', 'get', 'devcluster/www-data', '--write-json')
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/big',
                jobFile('big', 1, "production: true,", 0.1, 700).toString())

        then:
        increased.exit == 0
        quota.exit == 0
        new groovy.json.JsonSlurper().parseText(quota.out).quota.ramMb == 800
        created.exit == 0
        conditions.eventually {
            assert cluster.status('devcluster/www-data/prod/big').active*.status == ['RUNNING']
        }

        cleanup:
        killall('devcluster/www-data/prod/big')
    }

    def "a production task preempts a preemptible one on a full cluster; the victim's events name it"() {
        given: 'preemptible filler takes nearly all ram of every shared host'
        def filler = create('filler', 6, "tier: 'preemptible',", 0.1, 480)
        conditions.eventually {
            assert cluster.status(filler).active*.status == ['RUNNING'] * 6
        }

        when: 'a production task that fits nowhere arrives'
        def urgent = create('urgent', 1, "production: true,", 0.1, 480)

        then: 'it runs where a filler task was preempted, and that task says by whom'
        conditions.eventually {
            def running = cluster.status(urgent).active
            assert running*.status == ['RUNNING']
            def urgentTask = running[0]
            def victims = cluster.status(filler).inactive.findAll { task ->
                task.events.any { it.status == 'PREEMPTING' && it.message.contains(urgentTask.taskId) }
            }
            assert victims.size() == 1
            assert victims[0].host == urgentTask.host
        }

        and: 'the victim was rescheduled: six instances of the filler are still active'
        cluster.status(filler).active*.instance.sort() == (0..5).toList()

        cleanup:
        killall(urgent)
        killall(filler)
    }

    def "killing an agent's process gets its tasks LOST and running elsewhere"() {
        given:
        def key = create('survivor', 2, "constraints: [host: 'limit:1'],")
        Map doomed = null
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.status == ['RUNNING'] * 2
            doomed = active[0]
        }

        when:
        long crashed = System.nanoTime()
        cluster.crashProgram("agent-${doomed.host}")

        then:
        new PollingConditions(timeout: 90, delay: 0.5).eventually {
            def status = cluster.status(key)
            assert status.inactive.any { it.taskId == doomed.taskId && it.status == 'LOST' }
            def replacement = status.active.find { it.instance == doomed.instance }
            assert replacement.taskId != doomed.taskId
            assert replacement.status == 'RUNNING'
            assert replacement.host != doomed.host
        }
        println "agent ${doomed.host} crashed -> replacement RUNNING elsewhere in " +
                "${(System.nanoTime() - crashed).intdiv(1_000_000)} ms"

        cleanup:
        killall(key)
    }

    def "a scheduler crash right after a create loses and duplicates nothing"() {
        given:
        def key = create('steady', 4, '')

        when: 'the scheduler is killed while the instances are being placed, then started again'
        cluster.crashProgram('scheduler')
        cluster.startScheduler()
        cluster.waitForHttp("${cluster.schedulerUrl}/health")

        then: 'exactly one active task per instance, all RUNNING, and one executor each'
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.instance.sort() == [0, 1, 2, 3]
            assert active*.status == ['RUNNING'] * 4
            assert runningTaskIds('www-data-prod-steady-') == (active*.taskId as Set)
        }

        cleanup:
        killall(key)
    }

    /** Task ids of live processes tagged with a task id containing {@code fragment}. */
    private static Set<String> runningTaskIds(String fragment) {
        ProcessHandle.allProcesses().collect { handle ->
            try {
                def environ = new String(Files.readAllBytes(Path.of("/proc/${handle.pid()}/environ")), 'UTF-8')
                environ.split('\u0000').find { it.startsWith('BOREALIS_TASK_ID=') && it.contains(fragment) }
                        ?.substring('BOREALIS_TASK_ID='.length())
            } catch (IOException ignored) {
                null
            }
        }.findAll { it != null } as Set
    }

    private String create(String name, int instances, String extra, double cpu = 0.1, long ramMb = 16) {
        def key = "devcluster/www-data/prod/${name}".toString()
        def result = cluster.borealis('job', 'create', key, jobFile(name, instances, extra, cpu, ramMb).toString())
        assert result.exit == 0: result.toString()
        key
    }

    private Path jobFile(String name, int instances, String extra, double cpu = 0.1, long ramMb = 16) {
        Path file = jobs.resolve("${name}.groovy")
        Files.writeString(file, """
            main = Process(name: 'main', cmdline: 'while true; do sleep 1; done')
            jobs = [Service(
              task: Task(processes: [main], resources: Resources(cpu: ${cpu}, ram: ${ramMb}*MB, disk: 16*MB)),
              cluster: 'devcluster', role: 'www-data', environment: 'prod', name: '${name}',
              ${extra}
              instances: ${instances})]
            """.stripIndent())
        file
    }

    private void killall(String key) {
        cluster.borealis('job', 'killall', key)
        conditions.eventually {
            assert cluster.status(key).active.isEmpty()
        }
    }
}
