package io.borealis.agent.app

import io.borealis.agent.tasks.GcPolicy
import io.borealis.agent.tasks.HostProcesses
import io.borealis.agent.testing.ExecutorStandIn
import io.borealis.agent.testing.FakeScheduler
import io.borealis.agent.testing.MutableClock
import io.borealis.agent.testing.Tasks
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.Attribute
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskStatus
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Garbage collection of finished task directories, on real directories with real (stand-in)
 * executors and a clock the test moves. Sweeps are called directly; the periodic one is set to
 * an hour so that it does not run during a feature (the one at start finds nothing to do).
 */
class TaskGcSpec extends Specification {
    static final Duration DELAY = Duration.ofHours(1)

    @TempDir
    Path dir
    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()
    MutableClock clock = new MutableClock()
    List<Agent> agents = []
    List<String> taskIds = []
    List<Process> strays = []
    PollingConditions eventually = new PollingConditions(timeout: 10, delay: 0.05)

    def cleanup() {
        agents.each { it.close() }
        strays.each { it.destroyForcibly().waitFor() }
        taskIds.each { HostProcesses.killTaskProcesses(it) }
    }

    Agent startAgent(int maxFinished = 100) {
        def config = new AgentConfig(scheduler.url, dir.resolve('work'), 0, '127.0.0.1',
                new Resources(2.0, 1024, 2048, 0), [new PortRange(31000, 31099)],
                [new Attribute('host', ['127.0.0.1'] as Set)], null, ExecutorStandIn.write(dir),
                AgentSpec.FAST).withGc(new GcPolicy(DELAY, maxFinished, Duration.ofHours(1)))
        def agent = new Agent(config, clock)
        agents << agent
        agent.start()
        agent
    }

    Path root(String taskId) {
        TaskLayout.of(dir.resolve('work'), taskId).root()
    }

    /** Launches a task, lets it succeed and waits until FINISHED is reported and acked. */
    String finishedTask(Agent agent) {
        def id = Tasks.newId()
        taskIds << id
        Tasks.launch(agent.endpoint(), Tasks.assigned(id))
        eventually.eventually { assert scheduler.statuses(id) == ['STARTING', 'RUNNING'] }
        ExecutorStandIn.command(root(id), 'succeed')
        eventually.eventually {
            assert scheduler.statuses(id) == ['STARTING', 'RUNNING', 'FINISHED']
            assert agent.outbox().pending().isEmpty()
        }
        id
    }

    def "a finished task's directory is removed once the delay has passed, and no longer reported"() {
        given:
        def agent = startAgent()
        def id = finishedTask(agent)

        when: 'just short of the delay'
        clock.advance(DELAY.minusSeconds(1))

        then:
        agent.collector().sweep() == []
        Files.isDirectory(root(id))

        when:
        clock.advance(Duration.ofSeconds(1))

        then:
        agent.collector().sweep() == [id]
        !Files.exists(root(id))
        Files.list(root(id).parent).toList() == []
        agent.tasks().reported(id).isEmpty()
        agent.tasks().states().every { it.taskId() != id }
    }

    def "a directory is kept while the task's terminal update is unacked"() {
        given:
        def agent = startAgent()
        def id = Tasks.newId()
        taskIds << id
        Tasks.launch(agent.endpoint(), Tasks.assigned(id))
        eventually.eventually { assert scheduler.statuses(id) == ['STARTING', 'RUNNING'] }
        scheduler.down = true
        ExecutorStandIn.command(root(id), 'succeed')
        eventually.eventually { assert agent.tasks().reported(id).get() == TaskStatus.FINISHED }
        clock.advance(DELAY.multipliedBy(2))

        expect:
        agent.collector().sweep() == []
        Files.isDirectory(root(id))
        agent.tasks().states().contains(new AgentTaskState(id, TaskStatus.FINISHED))

        when:
        scheduler.down = false

        then:
        eventually.eventually { assert agent.outbox().pending().isEmpty() }
        agent.collector().sweep() == [id]
        !Files.exists(root(id))
    }

    def "a directory is kept while a process of its task lives"() {
        given:
        def agent = startAgent()
        def id = finishedTask(agent)
        def builder = new ProcessBuilder('sleep', '600')
        builder.environment().put(HostProcesses.TASK_ID_VARIABLE, id)
        def stray = builder.start()
        strays << stray
        clock.advance(DELAY)

        expect:
        agent.collector().sweep() == []
        Files.isDirectory(root(id))

        when:
        stray.destroyForcibly().waitFor()

        then:
        agent.collector().sweep() == [id]
        !Files.exists(root(id))
    }

    def "beyond --gc-max-finished the oldest finished directories go first, before their delay"() {
        given:
        def agent = startAgent(2)
        def first = finishedTask(agent)
        clock.advance(Duration.ofMinutes(1))
        def second = finishedTask(agent)
        clock.advance(Duration.ofMinutes(1))

        when:
        def third = finishedTask(agent)

        then: 'the sweep run when a task ends over the limit removes the oldest, and only it'
        eventually.eventually { assert !Files.exists(root(first)) }
        Files.isDirectory(root(second))
        Files.isDirectory(root(third))
        agent.collector().sweep() == []
    }

    def "a symbolic link to a directory outside the work dir is removed as a link; its target survives"() {
        given:
        def agent = startAgent()
        def id = finishedTask(agent)
        def outside = Files.createDirectories(dir.resolve('outside/data'))
        Files.writeString(outside.resolve('precious.txt'), 'keep me')
        def sandbox = root(id).resolve('sandbox')
        Files.createSymbolicLink(sandbox.resolve('data-link'), outside)
        Files.createSymbolicLink(sandbox.resolve('file-link'), outside.resolve('precious.txt'))
        clock.advance(DELAY)

        when:
        def removed = agent.collector().sweep()

        then:
        removed == [id]
        !Files.exists(root(id))
        Files.readString(outside.resolve('precious.txt')) == 'keep me'
    }

    def "a restarted agent neither recovers nor reports a removed task, and keeps a finished task's age"() {
        given:
        def agent = startAgent()
        def removed = finishedTask(agent)
        clock.advance(DELAY)
        agent.collector().sweep()
        def kept = finishedTask(agent)
        agent.close()
        int updatesBefore = scheduler.updates.size()

        when:
        def restarted = startAgent()

        then:
        restarted.tasks().reported(removed).isEmpty()
        restarted.tasks().reported(kept).get() == TaskStatus.FINISHED
        restarted.collector().sweep() == []

        when: 'the kept task reaches its delay, counted from when it ended before the restart'
        clock.advance(DELAY)

        then:
        restarted.collector().sweep() == [kept]
        scheduler.updates.size() == updatesBefore
    }
}
