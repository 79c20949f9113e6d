package io.borealis.scheduler.lifecycle

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.JobKey
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskQuery
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/** History pruning by age, count per job and minimum retention, and on request. */
class HistoryPrunerSpec extends Specification {
    static final HistoryPruner.Settings SETTINGS = new HistoryPruner.Settings(Duration.ofDays(2),
            3, Duration.ofHours(1), Duration.ofMinutes(5))
    static final JobKey OTHER = new JobKey('www-data', 'prod', 'other')

    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    StateManager manager = new StateManager(clock, new RecordingGateway(), new PendingSignal(), 's')
    @AutoCleanup
    HistoryPruner pruner = new HistoryPruner(storage, clock, SETTINGS)

    /** A batch task of {@code job} (instance {@code instance}) that ran and ended {@code end}. */
    Task ended(Map args = [:], TaskStatus end = FINISHED) {
        TaskConfig config = Fixtures.config(job: args.job ?: Fixtures.JOB)
        Task task = storage.write { store ->
            store.agents().save(Fixtures.agent(id: 'a1'))
            manager.insertPendingTasks(store, config, [args.instance ?: 0])[0]
        }
        storage.write { store ->
            manager.assign(store, task.id(), Fixtures.agent(id: 'a1'), [:])
            manager.changeState(store, [task.id()], RUNNING, 'running')
            manager.changeState(store, [task.id()], end, 'ended')
        }
        task
    }

    Task running(Map args = [:]) {
        Task task = storage.write { store ->
            store.agents().save(Fixtures.agent(id: 'a1'))
            manager.insertPendingTasks(store, Fixtures.config(job: args.job ?: Fixtures.JOB),
                    [args.instance ?: 0])[0]
        }
        storage.write { store ->
            manager.assign(store, task.id(), Fixtures.agent(id: 'a1'), [:])
            manager.changeState(store, [task.id()], RUNNING, 'running')
        }
        task
    }

    Set<String> stored() {
        storage.read { it.tasks().query(query()) }*.id()*.value() as Set
    }

    static TaskQuery query(Map args = [:]) {
        new TaskQuery(args.role, null, args.jobName, args.taskIds as Set, args.statuses as Set,
                null, null, null, null, args.limit as Integer)
    }

    int eventRows(Task task) {
        storage.read { it.tasks().events([task.id()]) }.getOrDefault(task.id(), []).size()
    }

    int configRows() {
        storage.read { store ->
            def statement = store.connection().prepareStatement('SELECT COUNT(*) FROM task_configs')
            def rows = statement.executeQuery()
            rows.next()
            int count = rows.getInt(1)
            statement.close()
            count
        }
    }

    def "ended tasks older than the prune threshold go, with their events; younger ones stay"() {
        given:
        Task old = ended(instance: 0)
        clock.advance(Duration.ofDays(1))
        Task young = ended(instance: 1)

        when: 'just under two days after the first ended'
        clock.advance(Duration.ofDays(1).minusMillis(1))
        int none = pruner.pruneOnce()
        clock.advance(Duration.ofMillis(2))
        int pruned = pruner.pruneOnce()

        then:
        none == 0
        pruned == 1
        stored() == [young.id().value()] as Set
        eventRows(old) == 0
        eventRows(young) == 4
    }

    def "a job keeps its 3 most recent ended tasks once the older ones are past the minimum retention"() {
        given: 'five ended tasks of one job, a minute apart, and two of another job'
        List<Task> tasks = (0..<5).collect { i ->
            clock.advance(Duration.ofMinutes(1))
            ended(instance: i)
        }
        List<Task> others = (0..<2).collect { ended(job: OTHER, instance: it) }

        when: 'within the minimum retention: nothing goes'
        int early = pruner.pruneOnce()

        then:
        early == 0
        stored().size() == 7

        when: 'an hour later: the two oldest of the first job go'
        clock.advance(Duration.ofHours(1))
        int pruned = pruner.pruneOnce()

        then:
        pruned == 2
        stored() == (tasks[2..4] + others)*.id()*.value() as Set
    }

    def "the minimum retention counts per task: the newest ones past the limit stay until their hour is up"() {
        given: 'three tasks, then, 50 minutes later, three more'
        List<Task> first = (0..<3).collect { ended(instance: it) }
        clock.advance(Duration.ofMinutes(50))
        List<Task> second = (3..<6).collect { ended(instance: it) }

        when: 'eleven minutes later the first three are over an hour old and beyond the 3 newest'
        clock.advance(Duration.ofMinutes(11))
        int pruned = pruner.pruneOnce()

        then:
        pruned == 3
        stored() == second*.id()*.value() as Set
    }

    def "active tasks are never pruned, however old, and a job's count is of ended tasks only"() {
        given:
        List<Task> active = (0..<5).collect { running(instance: it) }
        Task done = ended(instance: 9)

        when:
        clock.advance(Duration.ofDays(30))
        int pruned = pruner.pruneOnce()

        then:
        pruned == 1
        stored() == active*.id()*.value() as Set
        active.every { eventRows(it) == 3 }
    }

    def "a configuration goes with its last task, unless the job still refers to it; a new task stores it again"() {
        given: 'two ended tasks of job hello, one of job other whose job is stored again'
        ended(instance: 0)
        ended(instance: 1)
        ended(job: OTHER, instance: 0)
        storage.write { it.jobs().save(Fixtures.job(config: Fixtures.config(job: OTHER))) }
        assert configRows() == 2

        when:
        clock.advance(Duration.ofDays(3))
        pruner.pruneOnce()

        then: 'hello\'s configuration went with its tasks; other\'s stays for its job'
        stored().isEmpty()
        configRows() == 1

        when: 'a task with the pruned configuration is created again'
        Task again = running(instance: 0)

        then:
        storage.read { it.tasks().fetch(again.id()) }.get().config() == Fixtures.config()
        configRows() == 2
    }

    def "a write that prunes a configuration and then uses it again stores it again"() {
        given:
        Task old = ended()
        clock.advance(Duration.ofDays(3))

        when:
        Task fresh = storage.write { store ->
            assert store.tasks().prune([old.id()]) == 1
            manager.insertPendingTasks(store, Fixtures.config(), [0])[0]
        }

        then:
        storage.read { it.tasks().fetch(fresh.id()) }.get().status() == PENDING
        configRows() == 1
    }

    def "pruning on request deletes only the ended tasks the query matches, whatever their age"() {
        given:
        Task done = ended(instance: 0)
        Task failed = ended([instance: 1], FAILED)
        Task live = running(instance: 2)
        Task other = ended(job: OTHER, instance: 0)

        when: 'the query names every task of hello, the running one included'
        int pruned = pruner.prune(query(jobName: 'hello',
                taskIds: [done, failed, live]*.id()*.value()))

        then:
        pruned == 2
        stored() == [live, other]*.id()*.value() as Set
        eventRows(live) == 3
    }

    def "pruning on request by status and limit"() {
        given:
        ended([instance: 0], FAILED)
        ended([instance: 1], FAILED)
        Task finished = ended(instance: 2)

        when:
        int pruned = pruner.prune(query(statuses: [FAILED], limit: 1))

        then:
        pruned == 1
        stored().size() == 2
        finished.id().value() in stored()
    }

    def "a prune request that #why is refused and deletes nothing"() {
        given:
        ended()
        running(instance: 1)

        when:
        pruner.prune(query)

        then:
        PlatformException e = thrown()
        e.message == message
        stored().size() == 2

        where:
        why                      | query                                       || message
        'names active states'    | query(statuses: [RUNNING, PENDING, FAILED]) || 'only ended tasks can be pruned; the query names active states PENDING, RUNNING (use FINISHED, FAILED, KILLED, LOST)'
        'has a negative limit'   | query(limit: -1)                            || 'limit must not be negative, got -1'
    }

    def "thousands of ended tasks are pruned in batches"() {
        given: 'more than two batches of ended tasks, stored in one write'
        int count = HistoryPruner.BATCH * 2 + 7
        storage.write { store ->
            List<Task> created = manager.insertPendingTasks(store, Fixtures.config(), 0..<count)
            manager.changeState(store, created*.id(), KILLING, 'killed')
        }
        assert storage.read { it.tasks().query(query(statuses: [KILLED])) }.size() == count

        when:
        clock.advance(Duration.ofDays(3))
        int pruned = pruner.pruneOnce()

        then:
        pruned == count
        stored().isEmpty()
        configRows() == 0
    }
}
