package io.borealis.scheduler.state

import io.borealis.scheduler.storage.Task
import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

class StateManagerSpec extends Specification {
    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    PendingSignal signal = new PendingSignal()
    StateManager manager = new StateManager(clock, gateway, signal, 'scheduler-1')

    Task create(Map args = [:]) {
        storage.write { store ->
            if (args.storedJob) {
                store.jobs().save(args.storedJob)
            }
            manager.insertPendingTasks(store, args.config ?: Fixtures.config(args), [0])[0]
        }
    }

    Task place(Task task) {
        storage.write { store ->
            store.agents().save(Fixtures.agent(id: 'a1'))
            manager.assign(store, task.id(), Fixtures.agent(id: 'a1'), [:]).get()
        }
    }

    List<TransitionResult> move(Task task, TaskStatus to, String message = 'because') {
        clock.advance(Duration.ofSeconds(1))
        storage.write { manager.changeState(it, [task.id()], to, message) }
    }

    List<Task> tasksOfInstance(int instance = 0) {
        storage.read { store ->
            store.tasks().query(new io.borealis.api.model.TaskQuery(null, null, null, null, null,
                    [instance] as Set, null, null, null, null))
        }
    }

    def "new tasks are PENDING with a creation event, and wake the scheduling loop"() {
        when:
        Task task = create()

        then:
        task.status() == PENDING
        task.id().value() ==~ /\d+-www-data-prod-hello-0-[0-9a-f]{8}/
        storage.read { it.tasks().events([task.id()]) }[task.id()]*.status() == [PENDING]
        signal.await(Duration.ZERO)
    }

    def "every transition is recorded as an event with time, status and message"() {
        given:
        Task task = place(create())

        when:
        move(task, STARTING, 'executor spawned')
        move(task, RUNNING, 'healthy')

        then:
        def events = storage.read { it.tasks().events([task.id()]) }[task.id()]
        events*.status() == [PENDING, ASSIGNED, STARTING, RUNNING]
        events*.message() == ['Task created', 'Assigned to a1', 'executor spawned', 'healthy']
        events*.scheduler().unique() == ['scheduler-1']
        events*.timestamp() == events*.timestamp().sort()
    }

    def "a finished service is rescheduled as a new task with its ancestor"() {
        given: 'it ran longer than the flapping threshold'
        Task task = place(create(service: true))
        move(task, RUNNING)
        clock.advance(Duration.ofMinutes(5))

        when:
        move(task, FINISHED)

        then:
        def tasks = tasksOfInstance()
        tasks.size() == 2
        def replacement = tasks.find { it.id() != task.id() }
        replacement.status() == PENDING
        replacement.ancestorId() == task.id()
        storage.read { it.tasks().events([replacement.id()]) }[replacement.id()][0].message() ==
                "Rescheduled: ${task.id()} ended FINISHED"
    }

    def "a finished batch task is not rescheduled, and its job goes once nothing is active"() {
        given:
        Task task = place(create(storedJob: Fixtures.job()))
        move(task, RUNNING)

        when:
        move(task, FINISHED)

        then:
        tasksOfInstance()*.status() == [FINISHED]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isEmpty()
    }

    def "a failed batch task is rescheduled until it reaches maxTaskFailures"() {
        given:
        Task first = place(create(maxTaskFailures: 2))
        move(first, RUNNING)

        when: 'the first failure: 1 of 2'
        clock.advance(Duration.ofMinutes(5))
        move(first, FAILED)
        Task second = tasksOfInstance().find { it.status() == PENDING }

        then:
        second.failureCount() == 1
        second.ancestorId() == first.id()

        when: 'the second failure: 2 of 2'
        second = place(second)
        move(second, RUNNING)
        move(second, FAILED)

        then:
        tasksOfInstance()*.status().sort() == [FAILED, FAILED]
        tasksOfInstance().find { it.id() == second.id() }.failureCount() == 2
    }

    def "killing a PENDING task ends it at once: KILLED, nothing pushed"() {
        given:
        Task task = create()

        when:
        def results = move(task, KILLING, 'Killed by user')

        then:
        results*.task()*.status() == [KILLED]
        gateway.kills.isEmpty()
        tasksOfInstance()*.status() == [KILLED]
    }

    def "killing a RUNNING task moves it to KILLING and pushes the kill after commit"() {
        given:
        Task task = place(create(service: true))
        move(task, RUNNING)

        when:
        move(task, KILLING, 'Killed by user')

        then:
        tasksOfInstance()*.status() == [KILLING]
        gateway.kills == [['a1', [task.id().value()], 'Killed by user']]

        when: 'the agent reports the kill done'
        move(task, KILLED, 'task killed')

        then: 'a user kill is never rescheduled, even for a service'
        tasksOfInstance()*.status() == [KILLED]
    }

    def "an illegal move is refused and records nothing"() {
        given:
        Task task = create()

        when:
        def results = move(task, RUNNING)

        then:
        results*.outcome() == [TransitionResult.Outcome.ILLEGAL]
        tasksOfInstance()*.status() == [PENDING]
        storage.read { it.tasks().events([task.id()]) }[task.id()].size() == 1
    }

    def "a LOST task is killed on its agent and replaced"() {
        given:
        Task task = place(create())

        when:
        move(task, LOST, 'agent gone')

        then:
        gateway.killedIds() == [task.id().value()]
        tasksOfInstance()*.status().sort() == [PENDING, LOST]
    }
}
