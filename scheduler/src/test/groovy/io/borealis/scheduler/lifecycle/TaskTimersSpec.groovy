package io.borealis.scheduler.lifecycle

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.PartitionPolicy
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.state.Flapping
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/** The moves time makes, on H2 with a hand-moved clock: each round is one {@code runOnce}. */
class TaskTimersSpec extends Specification {
    static final TaskTimers.Settings SETTINGS = new TaskTimers.Settings(Duration.ofMinutes(5),
            Duration.ofSeconds(5), Duration.ofSeconds(1))

    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    PendingSignal signal = new PendingSignal()
    Flapping flapping = new Flapping(Flapping.Settings.DEFAULTS)
    StateManager manager = new StateManager(clock, gateway, signal, 's', flapping)
    @AutoCleanup
    TaskTimers timers = new TaskTimers(storage, manager, flapping, gateway, clock, SETTINGS)

    /** A task of a job with these config args, moved through {@code path} from PENDING. */
    Task task(Map args = [:], List<TaskStatus> path) {
        Task task = storage.write { store ->
            store.agents().save(Fixtures.agent(id: 'a1'))
            manager.insertPendingTasks(store, Fixtures.config(args), [args.instance ?: 0])[0]
        }
        storage.write { store -> manager.assign(store, task.id(), Fixtures.agent(id: 'a1'), [:]) }
        path.each { to -> storage.write { manager.changeState(it, [task.id()], to, "to $to") } }
        fetch(task)
    }

    Task fetch(Task task) {
        storage.read { it.tasks().fetch(task.id()) }.get()
    }

    List<Task> active() {
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }
    }

    Task replacementOf(Task task) {
        active().find { it.ancestorId() == task.id() }
    }

    List<String> messages(Task task) {
        storage.read { it.tasks().events([task.id()]) }[task.id()]*.message()
    }

    /** A task that failed after 1 s; returns its THROTTLED replacement. */
    Task throttled(Map args = [service: true]) {
        Task first = task(args, [RUNNING])
        clock.advance(Duration.ofSeconds(1))
        storage.write { manager.changeState(it, [first.id()], FAILED, 'exit 1') }
        Task next = replacementOf(first)
        assert next.status() == THROTTLED
        next
    }

    def "a THROTTLED task becomes PENDING when its penalty is over, and wakes the scheduling loop"() {
        given:
        Task next = throttled()
        signal.await(Duration.ZERO) // clear

        when:
        clock.advance(Duration.ofMillis(29_999))
        int moved = timers.runOnce()

        then:
        moved == 0
        fetch(next).status() == THROTTLED
        !signal.await(Duration.ZERO)

        when:
        clock.advance(Duration.ofMillis(1))
        moved = timers.runOnce()

        then:
        moved == 1
        fetch(next).status() == PENDING
        messages(next).last() == 'Throttled for 30 s (flapping): now PENDING'
        signal.await(Duration.ZERO)
    }

    def "after a restart a THROTTLED task waits only what is left of its penalty"() {
        given: 'a file database, and a task throttled for 60 s (its second quick failure)'
        Path dir = Files.createTempDirectory('lifecycle-restart')
        String url = "jdbc:h2:file:${dir}/db"
        H2Storage before = H2Storage.open(url, clock)
        StateManager beforeManager = new StateManager(clock, gateway, signal, 's', flapping)
        Task first = before.write { store ->
            store.agents().save(Fixtures.agent(id: 'a1'))
            beforeManager.insertPendingTasks(store, Fixtures.config(service: true), [0])[0]
        }
        Task next = first
        2.times {
            Task current = next
            before.write { store ->
                beforeManager.assign(store, current.id(), Fixtures.agent(id: 'a1'), [:])
                beforeManager.changeState(store, [current.id()], RUNNING, 'running')
            }
            clock.advance(Duration.ofSeconds(1))
            before.write { beforeManager.changeState(it, [current.id()], FAILED, 'exit 1') }
            next = before.read { it.tasks().activeOfJob(Fixtures.JOB) }[0]
            if (it == 0) {
                before.write { beforeManager.changeState(it, [next.id()], PENDING, 'released') }
            }
        }
        assert next.status() == THROTTLED

        when: 'the scheduler is down for 45 s and starts again'
        before.close()
        clock.advance(Duration.ofSeconds(45))
        H2Storage after = H2Storage.open(url, clock)
        StateManager afterManager = new StateManager(clock, gateway, signal, 's', flapping)
        TaskTimers afterTimers = new TaskTimers(after, afterManager, flapping, gateway, clock,
                SETTINGS)
        int atStart = afterTimers.runOnce()
        clock.advance(Duration.ofSeconds(14))
        int after14 = afterTimers.runOnce()
        clock.advance(Duration.ofSeconds(1))
        int after15 = afterTimers.runOnce()

        then: '45 + 15 = 60 s after it was throttled'
        atStart == 0
        after14 == 0
        after15 == 1
        after.read { it.tasks().fetch(next.id()) }.get().status() == PENDING

        cleanup:
        afterTimers?.close()
        after?.close()
        dir.toFile().deleteDir()
    }

    def "a task in #state for longer than the transient timeout goes LOST; replaced: #replaced"() {
        given:
        Task stuck = task(service: true, path)

        when: 'exactly the timeout: not yet'
        clock.advance(Duration.ofMinutes(5))
        timers.runOnce()

        then:
        fetch(stuck).status() == state

        when:
        clock.advance(Duration.ofMillis(1))
        int moved = timers.runOnce()

        then:
        moved == 1
        fetch(stuck).status() == LOST
        messages(stuck).last() == "Timed out: ${state} for more than 300 s"
        (replacementOf(stuck)?.status() == PENDING) == replaced

        where:
        state      | path                     || replaced
        ASSIGNED   | []                       || true
        PREEMPTING | [RUNNING, PREEMPTING]    || true
        RESTARTING | [RUNNING, RESTARTING]    || true
        DRAINING   | [RUNNING, DRAINING]      || true
        KILLING    | [RUNNING, KILLING]       || false
    }

    def "a task in #state never times out"() {
        given:
        Task task = task(service: true, path)

        when:
        clock.advance(Duration.ofHours(2))
        int moved = timers.runOnce()

        then:
        moved == 0
        fetch(task).status() == state

        where:
        state    | path
        STARTING | [STARTING]
        RUNNING  | [RUNNING]
    }

    def "an unconfirmed kill is sent again after 5, 10, 20, 40 s... until the agent confirms"() {
        given:
        Task task = task(service: true, [RUNNING, KILLING])
        gateway.kills.clear()
        List<Integer> sentAt = []

        when: 'a round every second for 3 minutes'
        (1..180).each { second ->
            clock.advance(Duration.ofSeconds(1))
            int before = gateway.kills.size()
            timers.runOnce()
            if (gateway.kills.size() > before) {
                sentAt << second
            }
        }

        then: 'retries at 5, then 10, 20, 40, 80 s apart'
        sentAt == [5, 15, 35, 75, 155]
        gateway.killedIds().unique() == [task.id().value()]
        gateway.kills*.get(2).unique() == ['Kill retried: the task is still being stopped']

        when: 'the agent reports it KILLED'
        storage.write { manager.changeState(it, [task.id()], KILLED, 'killed') }
        clock.advance(Duration.ofMinutes(2))
        timers.runOnce()

        then: 'no more retries'
        gateway.kills.size() == 5
        timers.killRetries.tracked().isEmpty()
    }

    def "kill retries stop when the task times out"() {
        given:
        Task task = task(service: true, [RUNNING, RESTARTING])
        gateway.kills.clear()

        when:
        (1..400).each {
            clock.advance(Duration.ofSeconds(1))
            timers.runOnce()
        }

        then: 'retries at 5, 15, 35, 75, 155 s; the task went LOST at 301 s, with one last kill'
        fetch(task).status() == LOST
        gateway.kills*.get(2) == ['Kill retried: the task is still being stopped'] * 5 +
                ['Timed out: RESTARTING for more than 300 s']
        replacementOf(task).status() == PENDING
    }

    def "no kill is retried to an agent the scheduler no longer knows"() {
        given:
        Task task = task(service: true, [RUNNING, KILLING])
        storage.write { it.agents().delete('a1') }
        gateway.kills.clear()

        when:
        clock.advance(Duration.ofSeconds(6))
        timers.runOnce()

        then:
        gateway.kills.isEmpty()
        fetch(task).status() == KILLING
    }

    def "a PARTITIONED task goes LOST after its policy's delay and is replaced"() {
        given:
        Task task = task(partitionPolicy: new PartitionPolicy(true, 60), [RUNNING, PARTITIONED])

        when:
        clock.advance(Duration.ofSeconds(59))
        timers.runOnce()

        then:
        fetch(task).status() == PARTITIONED

        when:
        clock.advance(Duration.ofSeconds(1))
        timers.runOnce()

        then:
        fetch(task).status() == LOST
        messages(task).last() == 'Partitioned for 60 s: the partition policy gives up'
        replacementOf(task).status() == PENDING
    }

    def "a PARTITIONED task whose policy says reschedule=false waits for its agent indefinitely"() {
        given:
        Task task = task(partitionPolicy: new PartitionPolicy(false, 0), [RUNNING, PARTITIONED])

        when:
        clock.advance(Duration.ofDays(3))
        timers.runOnce()

        then:
        fetch(task).status() == PARTITIONED
        active().size() == 1
    }

    def "a task that moved after the round looked at it is left alone"() {
        given:
        Task stuck = task(service: true, [])
        clock.advance(Duration.ofMinutes(6))
        def due = TaskTimers.Due.newInstance(stuck,
                io.borealis.scheduler.state.TaskDeadlines.of(stuck, 0, SETTINGS.transientTimeout()).get())

        when: 'it started RUNNING in between'
        storage.write { manager.changeState(it, [stuck.id()], RUNNING, 'running') }
        int moved = storage.write { timers.apply(it, [due], clock.millis()) }

        then:
        moved == 0
        fetch(stuck).status() == RUNNING
    }
}
