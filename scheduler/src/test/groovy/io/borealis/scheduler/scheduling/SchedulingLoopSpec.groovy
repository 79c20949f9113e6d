package io.borealis.scheduler.scheduling

import static io.borealis.api.model.TaskStatus.ASSIGNED

import io.borealis.api.model.AgentInfo
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.Resources
import io.borealis.scheduler.state.AgentGateway
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/** The round's write: assignments stored in chunks, each launched once after its commit. */
class SchedulingLoopSpec extends Specification {
    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    PendingSignal signal = new PendingSignal()
    StateManager stateManager = new StateManager(clock, new RecordingGateway(), signal, 's')

    def "a round of more assignments than one write holds stores and launches every one once"() {
        given: 'room for every task, and more tasks than one write takes'
        int count = SchedulingLoop.WRITE_CHUNK * 2 + 17
        int agents = count.intdiv(8) + 1
        storage.write { store ->
            (0..<agents).each {
                store.agents().save(Fixtures.agent(id: "a$it",
                        resources: new Resources(8d, 16384L, 65536L, 0)))
            }
        }
        storage.write { stateManager.insertPendingTasks(it, Fixtures.config(), (0..<count).toList()) }
        and: 'a gateway that checks each launch is already stored as ASSIGNED'
        List<String> launched = []
        List<String> notStored = []
        def gateway = new AgentGateway() {
            @Override
            void launchTasks(AgentInfo agent,
                    List<AssignedTask> tasks) {
                Set<String> assignedNow = storage.read { it.tasks().activeOnAgent(agent.agentId()) }
                        .findAll { it.status() == ASSIGNED }*.id()*.value() as Set
                tasks.each { task ->
                    launched << task.taskId()
                    if (!(task.taskId() in assignedNow)) {
                        notStored << task.taskId()
                    }
                }
            }

            @Override
            void killTasks(AgentInfo agent, List<String> ids, String message) {
            }
        }
        def loop = new SchedulingLoop(storage, stateManager, gateway, signal,
                Duration.ofSeconds(1), count)

        when:
        int assigned = loop.runOnce()

        then:
        assigned == count
        launched.size() == count
        launched.toSet().size() == count
        notStored.isEmpty()
        storage.read { it.tasks().active() }.every { it.status() == ASSIGNED }
    }

    def "nothing is placed on an agent the gateway cannot reach yet, and it is used once it can"() {
        given: 'two agents in the store, only one of which has registered with this process'
        storage.write { store ->
            ['known', 'stale'].each {
                store.agents().save(Fixtures.agent(id: it, resources: new Resources(8d, 16384L, 65536L, 0)))
            }
        }
        storage.write { stateManager.insertPendingTasks(it, Fixtures.config(), (0..<4).toList()) }
        Set<String> registered = ['known'] as Set
        def recording = new RecordingGateway()
        def gateway = new AgentGateway() {
            @Override
            void launchTasks(AgentInfo agent, List<AssignedTask> tasks) {
                recording.launchTasks(agent, tasks)
            }

            @Override
            void killTasks(AgentInfo agent, List<String> ids, String message) {
            }

            @Override
            boolean reaches(String agentId) {
                agentId in registered
            }
        }
        def loop = new SchedulingLoop(storage, stateManager, gateway, signal,
                Duration.ofSeconds(1), 2)

        when:
        loop.runOnce()

        then: 'every launch went to the registered agent'
        recording.launches*.get(0).toSet() == ['known'] as Set
        storage.read { it.tasks().activeOnAgent('stale') }.isEmpty()

        when: 'the other agent registers'
        registered << 'stale'
        storage.write { stateManager.insertPendingTasks(it, Fixtures.config(), (4..<20).toList()) }
        (1..4).each { loop.runOnce() }

        then:
        !storage.read { it.tasks().activeOnAgent('stale') }.isEmpty()
    }
}
