package io.borealis.scheduler.storage.h2

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.TaskEvent
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import java.time.Clock
import spock.lang.Specification

/**
 * Events of active tasks come from memory, of others from the database: whichever way, a task's
 * events are all there, in order, once each, inside a write, after it, and after reopening.
 * On H2; {@link PostgresTaskEventsSpec} runs every feature on PostgreSQL.
 */
class TaskEventsSpec extends Specification {
    File dir = File.createTempDir()
    String url = newDurableDatabase(dir)
    H2Storage storage = H2Storage.open(url, Clock.systemUTC())
    /** What was written: the truth to compare with. */
    Map<TaskId, List<TaskEvent>> written = [:]

    /** The URL of a new, empty database that outlives closing its storage (H2's: in dir). */
    String newDurableDatabase(File dir) {
        "jdbc:h2:file:${dir}/db/borealis"
    }

    def cleanup() {
        storage?.close()
        dir.deleteDir()
    }

    void move(Map<Integer, TaskStatus> moves, long at) {
        storage.write { store -> moves.each { i, status -> move(store, i, status, at) } }
    }

    void move(def store, int i, TaskStatus status, long at) {
        TaskId id = new TaskId("t$i")
        store.tasks().save(Fixtures.task(id: id.value(), instance: i, status: status,
                agent: status == PENDING ? null : 'a1'))
        TaskEvent event = new TaskEvent(at, status, "$status at $at", 'sched')
        store.tasks().addEvent(id, event)
        written.computeIfAbsent(id) { [] } << event
    }

    Map<TaskId, List<TaskEvent>> events(List<Integer> instances) {
        storage.read { it.tasks().events(instances.collect { new TaskId("t$it") }) }
    }

    def "250 tasks, some ended, read back with every event in order"() {
        given: 'all pending, then running, then every third one ends'
        List<Integer> all = (0..<250).toList()
        move(all.collectEntries { [(it): PENDING] }, 1)
        move(all.collectEntries { [(it): RUNNING] }, 2)
        move(all.findAll { it % 3 == 0 }.collectEntries { [(it): FINISHED] }, 3)

        expect:
        events(all) == written
        events([0, 1, 0]) == [(new TaskId('t0')): written[new TaskId('t0')],
                              (new TaskId('t1')): written[new TaskId('t1')]]
        events([999]) == [:]

        when: 'reopened: the active tasks\' events are loaded again'
        storage.close()
        storage = H2Storage.open(url, Clock.systemUTC())

        then:
        events(all) == written
    }

    def "a write sees its own events after the committed ones"() {
        given:
        move([1: PENDING, 2: PENDING], 1)

        when:
        Map<TaskId, List<TaskEvent>> inside = storage.write { store ->
            move(store, 1, ASSIGNED, 2)
            move(store, 2, KILLED, 2)
            move(store, 3, PENDING, 2)
            store.tasks().events([new TaskId('t1'), new TaskId('t2'), new TaskId('t3')])
        }

        then:
        inside == written
        events([1, 2, 3]) == written
    }

    def "a failed write leaves no event behind in memory"() {
        given:
        move([1: PENDING], 1)

        when:
        storage.write { store ->
            store.tasks().addEvent(new TaskId('t1'), new TaskEvent(2, ASSIGNED, 'lost', 's'))
            throw new IllegalStateException('boom')
        }

        then:
        thrown(IllegalStateException)
        events([1]) == written
    }
}
