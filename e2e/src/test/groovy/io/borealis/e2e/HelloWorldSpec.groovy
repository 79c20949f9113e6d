package io.borealis.e2e

import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The first slice end to end: real scheduler, agent, executor and observer processes, driven by
 * the real `borealis` client with the job files in examples/.
 */
@Stepwise
class HelloWorldSpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'
    static final String FAIL = 'devcluster/www-data/prod/fail'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    String helloTaskId

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home).start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    def "job create places hello_world and its instance runs on this host"() {
        when:
        def created = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        created.exit == 0
        created.out.contains('/scheduler/www-data/prod/hello')

        and:
        conditions.eventually {
            def status = cluster.status(HELLO)
            assert status.job == HELLO
            assert status.active.size() == 1
            assert status.active[0].instance == 0
            assert status.active[0].status == 'RUNNING'
        }

        when:
        def task = cluster.status(HELLO).active[0]
        helloTaskId = task.taskId

        then: 'the JSON has the shape scripts rely on'
        task.taskId ==~ /\d+-www-data-prod-hello-0-[0-9a-f]+/
        task.host
        task.events*.status.containsAll(['PENDING', 'ASSIGNED', 'STARTING', 'RUNNING'])
        task.events.every { it.timestamp instanceof Number && it.containsKey('message') }
        cluster.status(HELLO).inactive == []
    }

    def "the scheduler learns the running instance's resource use from the agent's heartbeats"() {
        given: 'a heartbeat (5 s) after a sample (5 s) is due well within the deadline'
        def withinHeartbeatAndSample =
                new PollingConditions(timeout: 30, initialDelay: 0.2, delay: 0.5)

        expect:
        withinHeartbeatAndSample.eventually {
            def task = cluster.status(HELLO).active[0]
            assert task.taskId == helloTaskId
            assert task.usage?.ramBytes > 0
            assert task.usage.timestamp > 0
            assert task.usage.containsKey('cpu') && task.usage.containsKey('diskBytes')
        }
        cluster.get("${cluster.schedulerUrl}/scheduler/www-data/prod/hello")
                .contains('<span class="used">')
    }

    def "the observer shows the task and the process's stdout"() {
        expect:
        conditions.eventually {
            assert cluster.get("${cluster.observerUrl}/").contains(helloTaskId)
            assert cluster.get("${cluster.observerUrl}/task/${helloTaskId}").contains('hello world')
            assert cluster.get("${cluster.observerUrl}/file/${helloTaskId}/.logs/hello/0/stdout").contains('hello world')
        }
    }

    def "creating a job that already exists is refused and changes nothing"() {
        when:
        def again = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        again.exit == 10
        again.err.contains('already exists')
        cluster.status(HELLO).active*.taskId == [helloTaskId]
    }

    def "a job key that does not match the file is refused before contacting the scheduler"() {
        when:
        def wrong = cluster.borealis('job', 'create', 'devcluster/www-data/prod/nope', 'examples/hello_world.groovy')

        then:
        wrong.exit == 3
        wrong.err.contains('devcluster/www-data/prod/hello')
        cluster.borealis('job', 'list', 'devcluster/www-data').out.readLines().findAll { it.contains('nope') }.isEmpty()
    }

    def "killall ends the instance KILLED and leaves no process of the task"() {
        when:
        def killed = cluster.borealis('job', 'killall', HELLO)

        then:
        killed.exit == 0
        conditions.eventually {
            def status = cluster.status(HELLO)
            assert status.active == []
            assert status.inactive.find { it.taskId == helloTaskId }?.status == 'KILLED'
        }
        conditions.eventually {
            assert LocalCluster.processesWith('BOREALIS_TASK_ID', helloTaskId).isEmpty()
        }
    }

    def "a job whose only process exits 1 ends FAILED with the exit status in its events"() {
        when:
        def created = cluster.borealis('job', 'create', FAIL, 'examples/fail.groovy')

        then:
        created.exit == 0
        conditions.eventually {
            def status = cluster.status(FAIL)
            assert status.active == []
            def task = status.inactive[0]
            assert task.status == 'FAILED'
            assert task.events.find { it.status == 'FAILED' }.message.contains('exit status 1')
        }
    }

    def "templates only the executor knows are resolved from what the scheduler assigned; an alias is its target's port"() {
        given:
        def file = LocalCluster.ROOT.resolve('e2e/src/test/resources/jobs/ports.groovy').toString()

        when:
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/ports', file)

        then:
        created.exit == 0
        conditions.eventually {
            def task = cluster.status('devcluster/www-data/prod/ports').active[0]
            assert task.status == 'RUNNING'
            def out = cluster.get("${cluster.observerUrl}/file/${task.taskId}/.logs/report/0/stdout")
            def port = (out =~ /port=(\d+) alias=(\d+) /)
            assert port.find()
            assert (port.group(1) as int) in (42000..42999)
            assert port.group(2) == port.group(1)
            assert out.contains("task=${task.taskId} instance=0 host=${task.host}")
        }

        cleanup:
        cluster.borealis('job', 'killall', 'devcluster/www-data/prod/ports')
    }
}
