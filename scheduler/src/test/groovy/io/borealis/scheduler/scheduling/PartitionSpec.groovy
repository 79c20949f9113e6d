package io.borealis.scheduler.scheduling

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.PartitionPolicy
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskStatus
import io.borealis.api.model.TaskStatusUpdate
import io.borealis.scheduler.lifecycle.TaskTimers
import io.borealis.scheduler.state.Flapping
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.state.TaskUsageCache
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/**
 * Agents that go silent (reference §2.5-2.6): with the scheduler's default timings (heartbeat
 * 2 s, lost after 10 s), real H2 and a hand-moved clock.
 */
class PartitionSpec extends Specification {
    static final PartitionPolicy WAIT_60 = new PartitionPolicy(true, 60)

    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    PendingSignal signal = new PendingSignal()
    Flapping flapping = new Flapping(Flapping.Settings.DEFAULTS)
    StateManager stateManager = new StateManager(clock, gateway, signal, 's', flapping)
    AgentLiveness liveness = new AgentLiveness()
    TaskUsageCache usages = new TaskUsageCache()
    AgentManager agents = new AgentManager(storage, stateManager, liveness, usages, signal, clock,
            new AgentManager.Timing(Duration.ofSeconds(2), Duration.ofSeconds(30),
                    Duration.ofSeconds(10)))
    AgentMonitor monitor = new AgentMonitor(storage, stateManager, liveness, usages, clock,
            Duration.ofSeconds(10), Duration.ofSeconds(1))
    SchedulingLoop loop = new SchedulingLoop(storage, stateManager, gateway, signal,
            Duration.ofSeconds(1), 100)
    @AutoCleanup
    TaskTimers timers = new TaskTimers(storage, stateManager, flapping, gateway, clock,
            new TaskTimers.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(1)))
    long seq = 0

    /** Instance {@code instance} with this partition policy, placed on a1 and moved along {@code path}. */
    Task onA1(int instance, PartitionPolicy policy, List<TaskStatus> path) {
        storage.write { stateManager.insertPendingTasks(it,
                Fixtures.config(service: true, partitionPolicy: policy), [instance]) }
        assert loop.runOnce() == 1
        Task task = storage.read { it.tasks().activeOnAgent('a1') }
                .find { it.instanceId() == instance }
        path.each { to ->
            if (to in [STARTING, RUNNING]) {
                agents.statusUpdate('a1', [new TaskStatusUpdate(task.id().value(), to,
                        clock.millis(), null, ++seq)])
            } else {
                storage.write { stateManager.changeState(it, [task.id()], to, 'by user') }
            }
        }
        task
    }

    TaskStatus statusOf(Task task) {
        storage.read { it.tasks().fetch(task.id()) }.get().status()
    }

    Task replacementOf(Task task) {
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.find { it.ancestorId() == task.id() }
    }

    /** a1 goes silent; 10 s later the next check declares it lost. */
    void silence() {
        clock.advance(Duration.ofSeconds(10))
        assert monitor.checkOnce() == 0
        clock.advance(Duration.ofMillis(1))
        assert monitor.checkOnce() == 1
    }

    def setup() {
        agents.register(Fixtures.agent(id: 'a1', resources: new Resources(8.0d, 4096L, 8192L, 0)))
    }

    def "a lost agent's running tasks with a partition policy go PARTITIONED; the others LOST and replaced"() {
        given:
        Task waiting = onA1(0, WAIT_60, [STARTING, RUNNING])
        Task starting = onA1(1, WAIT_60, [STARTING])
        Task plain = onA1(2, null, [STARTING, RUNNING])
        Task killing = onA1(3, WAIT_60, [STARTING, RUNNING, KILLING])
        Task assigned = onA1(4, WAIT_60, [])

        when:
        silence()

        then:
        statusOf(waiting) == PARTITIONED
        statusOf(starting) == PARTITIONED
        replacementOf(waiting) == null
        statusOf(plain) == LOST
        replacementOf(plain).status() == PENDING
        statusOf(killing) == LOST
        replacementOf(killing) == null
        statusOf(assigned) == LOST
        replacementOf(assigned).status() == PENDING
        storage.read { it.tasks().events([waiting.id()]) }[waiting.id()].last().message() ==
                'Agent a1 silent for more than 10 s'
    }

    def "the agent comes back within the policy's delay and reports the task RUNNING: it is RUNNING again"() {
        given:
        Task task = onA1(0, WAIT_60, [STARTING, RUNNING])
        silence()

        when: 'its heartbeat is first told to register again'
        clock.advance(Duration.ofSeconds(20))
        def reply = agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING)])

        then:
        reply.reregister()
        statusOf(task) == PARTITIONED

        when:
        agents.register(Fixtures.agent(id: 'a1'))
        reply = agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING)])
        clock.advance(Duration.ofMinutes(5))
        timers.runOnce()

        then: 'no kill, no replacement, and the partition timer has nothing left to do'
        reply.killTaskIds().isEmpty()
        statusOf(task) == RUNNING
        replacementOf(task) == null
        storage.read { it.tasks().events([task.id()]) }[task.id()]*.status().takeRight(3) ==
                [RUNNING, PARTITIONED, RUNNING]
        storage.read { it.tasks().events([task.id()]) }[task.id()].last().message() ==
                'Agent a1 is back and reports the task RUNNING'
    }

    def "after the policy's delay the task is LOST and replaced; when the agent comes back it is killed there"() {
        given:
        Task task = onA1(0, WAIT_60, [STARTING, RUNNING])
        silence()

        when:
        clock.advance(Duration.ofSeconds(60))
        timers.runOnce()

        then:
        statusOf(task) == LOST
        replacementOf(task).status() == PENDING

        when:
        agents.register(Fixtures.agent(id: 'a1'))
        def reply = agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING)])

        then:
        reply.killTaskIds() == [task.id().value()]
        statusOf(task) == LOST
    }

    def "the agent comes back without the task: it goes LOST and is replaced"() {
        given:
        Task task = onA1(0, new PartitionPolicy(false, 0), [STARTING, RUNNING])
        silence()

        when:
        agents.register(Fixtures.agent(id: 'a1'))
        agents.heartbeat('a1', [])

        then:
        statusOf(task) == LOST
        replacementOf(task).status() == PENDING
    }

    def "a PARTITIONED task the agent reports ended through its status updates takes that end"() {
        given:
        Task task = onA1(0, new PartitionPolicy(false, 0), [STARTING, RUNNING])
        silence()

        when:
        agents.register(Fixtures.agent(id: 'a1'))
        agents.statusUpdate('a1', [new TaskStatusUpdate(task.id().value(), FAILED,
                clock.millis(), 'exit 1', 1)])

        then:
        statusOf(task) == FAILED
    }

    def "a PARTITIONED task is killed by a user: LOST at once, not replaced"() {
        given:
        Task task = onA1(0, new PartitionPolicy(false, 0), [STARTING, RUNNING])
        silence()

        when:
        storage.write { stateManager.changeState(it, [task.id()], KILLING, 'Killed by user') }

        then:
        statusOf(task) == LOST
        replacementOf(task) == null
    }

    def "registration tells the agent the timeout"() {
        expect:
        agents.agentTimeout() == Duration.ofSeconds(10)
        agents.register(Fixtures.agent(id: 'a2')) == 2000
    }
}
