package io.borealis.e2e

import io.borealis.api.checkpoint.AgentLiveness
import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.checkpoint.TaskState
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * An agent process that dies (SIGKILL) leaves its executors behind. Once the scheduler has
 * declared the agent lost it runs the tasks elsewhere, so each executor stops its task on its
 * own after the loss timeout without its agent; an agent restarted within the timeout adopts its
 * tasks, which go on. Real programs: scheduler, agent, executors, observer.
 */
class AgentLossSpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home)
        // Long enough for a restarted agent JVM to come up on a busy machine. The scheduler's
        // agentTimeoutMillis replaces it when it names one; the specs read the one in force.
        cluster.agentFlags = ['--agent-timeout', '10s']
        cluster.start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    def "an agent killed and restarted within the loss timeout adopts its task, which keeps running"() {
        given:
        Map task = runningHello()
        long executor = executorPid(task.taskId as String)
        Duration timeout = lossTimeout()

        when: 'the agent dies and a new one starts on the same work directory at once'
        long killedAt = System.nanoTime()
        cluster.killProgram('agent')
        cluster.startAgent()

        then: 'the new agent registers'
        conditions.eventually {
            assert cluster.get("${cluster.schedulerUrl}/agents").contains('class="agent"')
        }

        when: 'the loss timeout, and some more, has passed since the kill'
        waitUntil(killedAt + timeout.plusSeconds(3).toNanos())

        then: 'the same executor still runs the task, and the scheduler still sees it RUNNING'
        ProcessHandle.of(executor).map { it.alive }.orElse(false)
        checkpoint(task.taskId as String).state() == TaskState.ACTIVE
        cluster.status(HELLO).active*.taskId == [task.taskId]
        cluster.status(HELLO).active[0].status == 'RUNNING'

        cleanup:
        cluster.borealis('job', 'killall', HELLO)
    }

    def "an agent killed for good: its executor stops the task within the loss timeout and a bound"() {
        given:
        Map task = runningHello()
        String taskId = task.taskId
        long executor = executorPid(taskId)
        Duration timeout = lossTimeout()

        when:
        long killedAt = System.nanoTime()
        cluster.killProgram('agent')

        then: 'the executor records KILLED with the reason and exits, leaving no process of the task'
        new PollingConditions(timeout: timeout.toSeconds() + 20, delay: 0.25).eventually {
            assert !ProcessHandle.of(executor).map { it.alive }.orElse(false)
        }
        long stoppedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt)
        with(checkpoint(taskId)) {
            state() == TaskState.KILLED
            message() ==~ /agent unreachable for \d+ s; stopping so the scheduler's replacement is the only copy/
        }
        LocalCluster.processesWith('BOREALIS_TASK_ID', taskId).isEmpty()
        // A figure, not an assertion: how long after the agent's death the task stopped.
        println "task stopped ${stoppedAfterMillis} ms after the agent was killed (timeout ${timeout.toMillis()} ms)"

        cleanup: 'an agent again, which reports the task as its executor recorded it'
        cluster.startAgent()
        cluster.borealis('job', 'killall', HELLO)
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

    /** The loss timeout the executors apply: the one the agent wrote into its liveness file. */
    private Duration lossTimeout() {
        AgentLiveness.read(AgentLiveness.file(cluster.agentWorkDir)).get().timeout()
    }

    private CheckpointState checkpoint(String taskId) {
        CheckpointState.replay(CheckpointLog.read(TaskLayout.of(cluster.agentWorkDir, taskId).checkpoint()))
    }

    /** Waits for a moment that no event marks: here, for the loss timeout to pass. */
    private static void waitUntil(long nanoTime) {
        long left
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500))
        }
    }

    private static long executorPid(String taskId) {
        def pids = LocalCluster.processesWith('BOREALIS_TASK_ID', taskId).findAll { pid ->
            def cmdline = new String(Files.readAllBytes(Path.of("/proc/${pid}/cmdline")), 'UTF-8')
            cmdline.contains('io.borealis.executor.app.ExecutorMain')
        }
        assert pids.size() == 1: "executor of ${taskId}: ${pids}"
        pids[0]
    }
}
