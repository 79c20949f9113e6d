package io.borealis.e2e

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Host maintenance through the real programs (aurora-features §3.5): one scheduler, three agents
 * posing as hosts agent-0, agent-1 and agent-2, the real borealis-admin and borealis clients.
 * A SCHEDULED host gets no new task while others have room; an SLA-aware drain with a Count
 * policy never lets fewer instances run than the policy asks, carries on across a scheduler
 * crash and ends DRAINED; host_activate lets tasks come back.
 */
@Stepwise
class MaintenanceSpec extends Specification {
    static final List<String> HOSTS = ['agent-0', 'agent-1', 'agent-2']

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    Path jobs

    def conditions = new PollingConditions(timeout: 90, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home)
        cluster.schedulerArgs = ['--host-maintenance-interval', '1s']
        cluster.startScheduler()
        cluster.waitForHttp("${cluster.schedulerUrl}/health")
        HOSTS.each { cluster.startAgentAs(it, [rack: 'rack-a'], 2, 1024, 8192) }
        new PollingConditions(timeout: 90, delay: 0.5).eventually {
            assert cluster.get("${cluster.schedulerUrl}/agents").count('class="agent"') == 3
        }
        jobs = Files.createDirectories(home.resolve('jobs'))
    }

    def cleanupSpec() {
        cluster?.close()
    }

    def "host_deactivate keeps new tasks off a host while the others have room"() {
        when:
        def deactivated = cluster.admin('host_deactivate', '--hosts=agent-0', 'devcluster')

        then:
        deactivated.exit == 0
        deactivated.out.trim() == 'agent-0 is in state: SCHEDULED'
        hostStatus() == ['agent-0 is in state: SCHEDULED', 'agent-1 is in state: NONE',
                         'agent-2 is in state: NONE']

        when:
        def key = create('avoid', 4, '')

        then: 'every instance runs, none on agent-0'
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.status == ['RUNNING'] * 4
            assert !('agent-0' in active*.host)
        }

        cleanup:
        killall(key)
    }

    def "sla_host_drain with a Count policy keeps the minimum running, survives a restart, ends DRAINED"() {
        given: 'six instances, two per host, Count 5 up for 20 s'
        assert cluster.admin('host_activate', '--hosts=agent-0', 'devcluster').exit == 0
        def key = create('steady', 6, 'sla_policy: CountSlaPolicy(count: 5, duration_secs: 20),')
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.status == ['RUNNING'] * 6
            assert active.count { it.host == 'agent-0' } == 2
        }
        def onHost = cluster.status(key).active.findAll { it.host == 'agent-0' }*.taskId
        int fewestRunning = 6

        when: 'the drain starts, and the scheduler crashes right after it'
        def drain = cluster.admin('sla_host_drain', '--hosts=agent-0', 'devcluster')
        cluster.crashProgram('scheduler')
        cluster.startScheduler()
        cluster.waitForHttp("${cluster.schedulerUrl}/health")

        then: 'the drain is stored and carries on after the restart'
        drain.exit == 0
        drain.out.trim() == 'agent-0 is in state: DRAINING'
        hostStatus()[0] == 'agent-0 is in state: DRAINING'

        and: 'one task of agent-0 goes while the other waits for its replacement to be up 20 s'
        conditions.eventually {
            def active = cluster.status(key).active
            fewestRunning = Math.min(fewestRunning, active.count { it.status == 'RUNNING' })
            assert active.count { it.taskId in onHost } == 1
            assert active.count { it.host != 'agent-0' && it.status == 'RUNNING' } == 5
        }
        cluster.get("${cluster.schedulerUrl}/maintenance").contains('the Count policy needs 5')

        and: 'then the other; agent-0 ends DRAINED with every instance running elsewhere, once'
        conditions.eventually {
            def active = cluster.status(key).active
            fewestRunning = Math.min(fewestRunning, active.count { it.status == 'RUNNING' })
            assert hostStatus()[0] == 'agent-0 is in state: DRAINED'
            assert active*.instance.sort() == (0..5).toList()
            assert active*.status == ['RUNNING'] * 6
            assert !('agent-0' in active*.host)
        }

        and: 'never fewer than five instances ran (sampled throughout)'
        fewestRunning >= 5

        and: 'the page lists the host'
        cluster.get("${cluster.schedulerUrl}/maintenance").contains('DRAINED')

        cleanup:
        killall(key)
    }

    def "a drained host takes no new task, and says why; host_activate lets tasks return"() {
        given: 'one instance per host'
        def key = create('everywhere', 3, "constraints: [host: 'limit:1'],")

        expect: 'two run, the third waits for agent-0'
        conditions.eventually {
            def active = cluster.status(key).active
            assert active.count { it.status == 'RUNNING' } == 2
            def pending = active.find { it.status == 'PENDING' }
            assert pending?.pendingReason ==
                    'Limit not satisfied: host on 2 agents; Host drained for maintenance on 1 agent'
        }

        when:
        def activated = cluster.admin('host_activate', '--hosts=agent-0', 'devcluster')

        then:
        activated.exit == 0
        activated.out.trim() == 'agent-0 is in state: NONE'
        conditions.eventually {
            def active = cluster.status(key).active
            assert active*.status == ['RUNNING'] * 3
            assert active*.host.sort() == HOSTS
        }

        cleanup:
        killall(key)
    }

    private List<String> hostStatus() {
        def result = cluster.admin('host_status', '--hosts=' + HOSTS.join(','), 'devcluster')
        assert result.exit == 0: result.toString()
        result.out.readLines()
    }

    private String create(String name, int instances, String extra) {
        def key = "devcluster/www-data/prod/${name}".toString()
        Path file = jobs.resolve("${name}.groovy")
        Files.writeString(file, """
            main = Process(name: 'main', cmdline: 'while true; do sleep 1; done')
            jobs = [Service(
              task: Task(processes: [main], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
              cluster: 'devcluster', role: 'www-data', environment: 'prod', name: '${name}',
              ${extra}
              instances: ${instances})]
            """.stripIndent())
        def result = cluster.borealis('job', 'create', key, file.toString())
        assert result.exit == 0: result.toString()
        key
    }

    private void killall(String key) {
        cluster.borealis('job', 'killall', key)
        conditions.eventually {
            assert cluster.status(key).active.isEmpty()
        }
    }
}
