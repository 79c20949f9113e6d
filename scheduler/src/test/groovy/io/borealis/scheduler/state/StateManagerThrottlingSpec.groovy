package io.borealis.scheduler.state

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/** Replacements of flapping tasks wait in THROTTLED (reference §2.4), on H2 with a hand-moved clock. */
class StateManagerThrottlingSpec extends Specification {
    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    PendingSignal signal = new PendingSignal()
    StateManager manager = new StateManager(clock, gateway, signal, 'scheduler-1')

    Task pending(Map args = [service: true]) {
        storage.write { store ->
            store.agents().save(Fixtures.agent(id: 'a1'))
            manager.insertPendingTasks(store, Fixtures.config(args), [0])[0]
        }
    }

    /** Places and runs {@code task} for {@code ran}, then ends it {@code end}. */
    Task run(Task task, Duration ran, TaskStatus end = FAILED, TaskStatus via = null) {
        storage.write { store ->
            manager.assign(store, task.id(), Fixtures.agent(id: 'a1'), [:])
            manager.changeState(store, [task.id()], RUNNING, 'running')
        }
        clock.advance(ran)
        if (via) {
            storage.write { manager.changeState(it, [task.id()], via, 'by user') }
        }
        storage.write { manager.changeState(it, [task.id()], end, 'ended') }
        replacementOf(task)
    }

    Task replacementOf(Task task) {
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.find { it.ancestorId() == task.id() }
    }

    String firstMessage(Task task) {
        storage.read { it.tasks().events([task.id()]) }[task.id()][0].message()
    }

    def "a task that failed sooner than the flapping threshold is replaced THROTTLED, saying for how long"() {
        given:
        Task first = pending()

        when:
        Task next = run(first, Duration.ofSeconds(10))

        then:
        next.status() == THROTTLED
        next.ancestorId() == first.id()
        next.failureCount() == 1
        firstMessage(next) == "Rescheduled: ${first.id()} ended FAILED; throttled for 30 s (flapping)"
    }

    def "the penalty doubles with each flapping ancestor and stops at 5 min"() {
        given:
        Task task = pending()
        List<String> messages = []

        when: 'six quick failures in a row, each replacement released before it runs'
        6.times {
            task = run(task, Duration.ofSeconds(1))
            messages << firstMessage(task)
            storage.write { manager.changeState(it, [task.id()], PENDING, 'released') }
            task = storage.read { store -> store.tasks().fetch(task.id()).get() }
        }

        then:
        messages.collect { (it =~ /throttled for (\d+) s/)[0][1] as int } ==
                [30, 60, 120, 240, 300, 300]
    }

    def "a replacement after #why starts PENDING"() {
        given:
        Task first = pending()

        expect:
        run(first, ran, end, via).status() == PENDING

        where:
        why                                  | ran                     | end      | via
        'a run longer than the threshold'    | Duration.ofMinutes(5)   | FAILED   | null
        'a quick LOST (its agent went away)' | Duration.ofSeconds(1)   | LOST     | null
        'a quick restart'                    | Duration.ofSeconds(1)   | KILLED   | RESTARTING
        'a quick drain'                      | Duration.ofSeconds(1)   | FINISHED | DRAINING
        'a quick preemption'                 | Duration.ofSeconds(1)   | KILLED   | PREEMPTING
    }

    def "a THROTTLED task is never placed and killing it ends it KILLED at once"() {
        given:
        Task next = run(pending(), Duration.ofSeconds(1))

        when:
        def results = storage.write { manager.changeState(it, [next.id()], KILLING, 'Killed by user') }

        then:
        results*.task()*.status() == [KILLED]
        gateway.kills.isEmpty()
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.isEmpty()
    }
}
