package io.borealis.scheduler.scheduling

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.TaskStatus
import io.borealis.api.model.TaskStatusUpdate
import io.borealis.api.model.TaskUsage
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.ScheduledTasks
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.state.TaskUsageCache
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

class AgentManagerSpec extends Specification {
    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    PendingSignal signal = new PendingSignal()
    StateManager stateManager = new StateManager(clock, gateway, signal, 's')
    AgentLiveness liveness = new AgentLiveness()
    TaskUsageCache usages = new TaskUsageCache()
    AgentManager agents = new AgentManager(storage, stateManager, liveness, usages, signal, clock,
            new AgentManager.Timing(Duration.ofSeconds(5), Duration.ofSeconds(30)))
    AgentMonitor monitor = new AgentMonitor(storage, stateManager, liveness, usages, clock,
            Duration.ofSeconds(60), Duration.ofSeconds(5))
    SchedulingLoop loop = new SchedulingLoop(storage, stateManager, gateway, signal,
            Duration.ofSeconds(1), 100)

    /** A registered agent a1 with one task placed on it (ASSIGNED, launch pushed). */
    Task placedTask(Map args = [:]) {
        agents.register(Fixtures.agent(id: 'a1'))
        storage.write { stateManager.insertPendingTasks(it, Fixtures.config(args), [0]) }
        assert loop.runOnce() == 1
        storage.read { it.tasks().activeOnAgent('a1') }[0]
    }

    TaskStatus statusOf(Task task) {
        storage.read { it.tasks().fetch(task.id()) }.get().status()
    }

    TaskStatusUpdate update(Task task, TaskStatus status, long seq, String message = null) {
        new TaskStatusUpdate(task.id().value(), status, clock.millis(), message, seq)
    }

    def "registration stores the agent and asks for heartbeats every 5 s"() {
        expect:
        agents.register(Fixtures.agent(id: 'a1')) == 5000
        storage.read { it.agents().fetch('a1') }.isPresent()
    }

    def "a malformed registration is refused with every problem"() {
        when:
        agents.register(Fixtures.agent(id: 'a1', endpoint: 'a1:8080',
                ports: [new io.borealis.api.model.PortRange(5, 1)]))

        then:
        PlatformException e = thrown()
        e.message == "endpoint 'a1:8080' is not an http(s) URL; port range 5-1 is invalid"
        storage.read { it.agents().fetchAll() }.isEmpty()
    }

    def "the scheduling loop assigns and pushes the launch with agent, host, ports, instance"() {
        when:
        Task task = placedTask(ports: ['http'])

        then:
        task.status() == ASSIGNED
        gateway.launches.size() == 1
        def (agentId, launched) = gateway.launches[0]
        agentId == 'a1'
        launched*.taskId() == [task.id().value()]
        launched[0].agentId() == 'a1'
        launched[0].agentHost() == 'a1'
        launched[0].assignedPorts() == [http: 31000]
        launched[0].instanceId() == 0
    }

    def "status updates are applied in order and acked up to the highest seq"() {
        given:
        Task task = placedTask()

        when:
        long acked = agents.statusUpdate('a1', [update(task, STARTING, 1),
                                                update(task, RUNNING, 2, 'healthy')])

        then:
        acked == 2
        statusOf(task) == RUNNING
    }

    def "a repeated or stale update changes nothing"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, STARTING, 1), update(task, RUNNING, 2)])

        when: 'seq 1 again, then an out-of-date STARTING with a new seq'
        long acked = agents.statusUpdate('a1', [update(task, STARTING, 1),
                                                update(task, STARTING, 3)])

        then:
        acked == 3
        statusOf(task) == RUNNING
        storage.read { it.tasks().events([task.id()]) }[task.id()]*.status() ==
                [PENDING, ASSIGNED, STARTING, RUNNING]
    }

    def "a malformed task id from an agent is refused as the caller's mistake"() {
        given:
        agents.register(Fixtures.agent(id: 'a1'))

        when:
        agents.statusUpdate('a1', [new TaskStatusUpdate('bad id', RUNNING, 1L, null, 1L)])

        then:
        PlatformException e = thrown()
        e.code() == io.borealis.scheduler.error.ErrorCode.INVALID_REQUEST
        e.message == "task id 'bad id' is blank or has whitespace"
        storage.read { it.agents().ackedSeq('a1') } == 0L
    }

    def "heartbeat: an unknown agent is asked to re-register"() {
        expect:
        agents.heartbeat('ghost', []) == new AgentManager.HeartbeatReply([], true)
    }

    def "heartbeat: tasks the scheduler does not know or considers ended are killed"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, RUNNING, 1), update(task, FINISHED, 2)])

        when:
        def reply = agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING),
                                            new AgentTaskState('stranger', RUNNING)])

        then:
        reply.killTaskIds() == [task.id().value(), 'stranger']
        !reply.reregister()
    }

    def "heartbeat: a KILLING task still running gets its kill again"() {
        given:
        Task task = placedTask(service: true)
        agents.statusUpdate('a1', [update(task, RUNNING, 1)])
        storage.write { stateManager.changeState(it, [task.id()], KILLING, 'Killed by user') }

        expect:
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING)])
                .killTaskIds() == [task.id().value()]
    }

    static final TaskUsage SAMPLE = new TaskUsage(1_700_000_000_000L, 0.02d, 5_347_738L, 36L, 2)
    static final TaskUsage LATER = new TaskUsage(1_700_000_005_000L, 0.5d, 9_000_000L, 4096L, 3)

    TaskUsage shownUsage(Task task) {
        def query = new io.borealis.api.model.TaskQuery(null, null, null, [task.id().value()] as Set,
                null, null, null, null, null, null)
        ScheduledTasks.query(storage, query, usages)[0].usage()
    }

    def "heartbeat: the latest usage of a running task is kept and shown with the task"() {
        given:
        Task task = placedTask(service: true)
        agents.statusUpdate('a1', [update(task, RUNNING, 1)])

        expect: 'no sample yet'
        shownUsage(task) == null

        when:
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING, SAMPLE)])

        then:
        shownUsage(task) == SAMPLE

        when: 'a newer sample replaces it; a heartbeat without one clears it'
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING, LATER)])
        def later = shownUsage(task)
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING)])

        then:
        later == LATER
        shownUsage(task) == null
        usages.size() == 0
    }

    def "heartbeat: a task that ends takes its usage along"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, RUNNING, 1)])
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING, SAMPLE)])

        when:
        agents.statusUpdate('a1', [update(task, FINISHED, 2)])

        then:
        statusOf(task) == FINISHED
        shownUsage(task) == null
        usages.size() == 0
    }

    def "heartbeat: usage of a task the scheduler does not want is not kept"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, RUNNING, 1), update(task, FINISHED, 2)])

        when:
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING, SAMPLE),
                                new AgentTaskState('stranger', RUNNING, SAMPLE)])

        then:
        usages.size() == 0
        shownUsage(task) == null
    }

    def "an ended task shows no usage even when a sample lingers from a racing heartbeat"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, RUNNING, 1), update(task, FINISHED, 2)])

        when: 'a heartbeat read before the update landed records its sample after it'
        usages.replaceAgent('a1', [(task.id()): SAMPLE])

        then:
        shownUsage(task) == null
    }

    def "heartbeat: an ASSIGNED task not reported within the grace period goes LOST"() {
        given:
        Task task = placedTask()

        when: 'within the grace period: the launch may be in flight'
        clock.advance(Duration.ofSeconds(30))
        agents.heartbeat('a1', [])

        then:
        statusOf(task) == ASSIGNED

        when:
        clock.advance(Duration.ofSeconds(1))
        agents.heartbeat('a1', [])

        then:
        statusOf(task) == LOST
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }*.status() == [PENDING]
    }

    def "heartbeat: a RUNNING task the agent no longer reports goes LOST at once"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, RUNNING, 1)])

        when:
        agents.heartbeat('a1', [])

        then:
        statusOf(task) == LOST
    }

    def "a forgotten agent takes its tasks' usage along"() {
        given:
        Task task = placedTask(service: true)
        agents.statusUpdate('a1', [update(task, RUNNING, 1)])
        agents.heartbeat('a1', [new AgentTaskState(task.id().value(), RUNNING, SAMPLE)])
        assert usages.size() == 1

        when:
        clock.advance(Duration.ofSeconds(61))
        int gone = monitor.checkOnce()

        then:
        gone == 1
        usages.size() == 0
        statusOf(task) == LOST
    }

    def "an agent silent for more than 60 s is forgotten and its tasks go LOST"() {
        given:
        Task task = placedTask()
        agents.statusUpdate('a1', [update(task, RUNNING, 1)])

        when:
        clock.advance(Duration.ofSeconds(60))
        int gone = monitor.checkOnce()

        then:
        gone == 0
        statusOf(task) == RUNNING

        when:
        clock.advance(Duration.ofSeconds(1))
        gone = monitor.checkOnce()

        then:
        gone == 1
        statusOf(task) == LOST
        storage.read { it.agents().fetch('a1') }.isEmpty()
        agents.heartbeat('a1', []).reregister()
    }
}
