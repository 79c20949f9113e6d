package io.borealis.e2e

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/** What happens to running tasks when the agent restarts or an executor dies. */
class RecoverySpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'

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

    def cleanup() {
        cluster.borealis('job', 'killall', HELLO)
    }

    def "a task keeps running across an agent restart and its later transitions reach the scheduler"() {
        given:
        Map task = runningHello()
        long executorPid = executorPid(task.taskId as String)
        long taskDirs = countTaskDirs()

        when: 'the agent stops and starts again'
        cluster.stopProgram('agent')
        cluster.startAgent()

        then: 'the same task, in the same executor, is still RUNNING; nothing was relaunched'
        conditions.eventually {
            assert cluster.get("${cluster.schedulerUrl}/agents").contains('class="agent"')
        }
        ProcessHandle.of(executorPid).map { it.alive }.orElse(false)
        cluster.status(HELLO).active*.taskId == [task.taskId]
        cluster.status(HELLO).active[0].status == 'RUNNING'
        countTaskDirs() == taskDirs

        when: 'the task is killed after the restart'
        def killed = cluster.borealis('job', 'killall', HELLO)

        then: 'the restarted agent relays the KILLED transition'
        killed.exit == 0
        conditions.eventually {
            def status = cluster.status(HELLO)
            assert status.inactive.find { it.taskId == task.taskId }?.status == 'KILLED'
        }
        conditions.eventually {
            assert LocalCluster.processesWith('BOREALIS_TASK_ID', task.taskId as String).isEmpty()
        }
    }

    def "a task whose executor is SIGKILLed is reported with a reason within seconds"() {
        given:
        Map task = runningHello()
        long executorPid = executorPid(task.taskId as String)

        when:
        ProcessHandle.of(executorPid).ifPresent { it.destroyForcibly() }

        then:
        new PollingConditions(timeout: 15, delay: 0.25).eventually {
            def ended = cluster.status(HELLO).inactive.find { it.taskId == task.taskId }
            assert ended?.status in ['FAILED', 'LOST']
            assert ended.events.last().message.contains('executor')
        }
    }

    private Map runningHello() {
        assert cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy').exit == 0
        Map task = null
        conditions.eventually {
            def active = cluster.status(HELLO).active
            assert active.size() == 1 && active[0].status == 'RUNNING'
            task = active[0] as Map
        }
        task
    }

    private long countTaskDirs() {
        Files.list(cluster.agentWorkDir.resolve('tasks')).withCloseable { it.count() }
    }

    /** The executor is the process of the task that runs ExecutorMain. */
    private static long executorPid(String taskId) {
        def pids = LocalCluster.processesWith('BOREALIS_TASK_ID', taskId).findAll { pid ->
            def cmdline = new String(Files.readAllBytes(Path.of("/proc/${pid}/cmdline")), 'UTF-8')
            cmdline.contains('io.borealis.executor.app.ExecutorMain')
        }
        assert pids.size() == 1: "executor of ${taskId}: ${pids}"
        pids[0]
    }
}
