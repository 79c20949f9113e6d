package io.borealis.scheduler.storage.h2

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.JobKey
import io.borealis.api.model.TaskEvent
import io.borealis.api.model.TaskQuery
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TestStorage
import spock.lang.AutoCleanup
import spock.lang.Specification

/** The storage's behaviour, on H2; {@link PostgresStorageSpec} runs every feature on PostgreSQL. */
class H2StorageSpec extends Specification {
    @AutoCleanup
    H2Storage storage = openFresh()

    /** A storage on a new, empty database. */
    H2Storage openFresh() {
        TestStorage.open()
    }

    /** The URL of a new, empty database that outlives closing its storage (H2's: in dir). */
    String newDurableDatabase(File dir) {
        "jdbc:h2:file:${dir}/db/borealis"
    }

    static TaskQuery query(Map args = [:]) {
        new TaskQuery(args.role, args.environment, args.jobName, args.taskIds as Set,
                args.statuses as Set, args.instanceIds as Set, args.agentHosts as Set,
                args.jobKeys as Set, args.offset as Integer, args.limit as Integer)
    }

    void save(Task... tasks) {
        saveAll(tasks as List)
    }

    void saveAll(List<Task> tasks) {
        storage.write { store -> tasks.each { store.tasks().save(it) } }
    }

    def "a job is stored, read back, listed by role and deleted"() {
        given:
        def job = Fixtures.job(instances: 3)
        def other = Fixtures.job(job: new JobKey('ops', 'test', 'cron'))

        when:
        storage.write { store -> store.jobs().save(job); store.jobs().save(other) }

        then:
        storage.read { it.jobs().fetch(Fixtures.JOB) } == Optional.of(job)
        storage.read { it.jobs().fetchAll() }*.key()*.role() == ['ops', 'www-data']
        storage.read { it.jobs().fetchByRole('ops') } == [other]

        when:
        boolean deleted = storage.write { it.jobs().delete(Fixtures.JOB) }

        then:
        deleted
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isEmpty()
        !storage.write { it.jobs().delete(Fixtures.JOB) }
    }

    def "tasks round-trip with placement, ports and ancestry"() {
        given:
        Task task = new Task(new TaskId('t-1'), Fixtures.config(ports: ['http']), 2, RUNNING,
                1234L, 1, new TaskId('t-0'), 'agent-1', 'host-1', [http: 31000],
                'http://host-1:1338')

        when:
        save(task)

        then:
        storage.read { it.tasks().fetch(new TaskId('t-1')) } == Optional.of(task)
        storage.read { it.tasks().query(query()) } == [task]
    }

    def "each distinct task config is stored once"() {
        given:
        def config = Fixtures.config()
        def copy = Fixtures.config() // equal content, another object
        def bigger = Fixtures.config(resources: new io.borealis.api.model.Resources(2d, 1L, 1L, 0))

        when:
        save(Fixtures.task(id: 'a', config: config), Fixtures.task(id: 'b', config: copy),
                Fixtures.task(id: 'c', config: bigger))

        then:
        countRows('task_configs') == 2
        countRows('tasks') == 3
    }

    def "queries filter by every field of TaskQuery"() {
        given:
        def web = Fixtures.config()
        def api = Fixtures.config(job: new JobKey('www-data', 'prod', 'api'))
        save(Fixtures.task(id: 'w0', config: web, instance: 0, status: RUNNING, agent: 'a1'),
                Fixtures.task(id: 'w1', config: web, instance: 1, status: FINISHED, agent: 'a2'),
                Fixtures.task(id: 'a0', config: api, instance: 0, status: PENDING))

        expect:
        storage.read { it.tasks().query(q) }*.id()*.value() == ids

        where:
        q                                                         || ids
        query()                                                   || ['a0', 'w0', 'w1']
        query(jobName: 'hello')                                   || ['w0', 'w1']
        query(role: 'www-data', environment: 'prod')              || ['a0', 'w0', 'w1']
        query(role: 'nobody')                                     || []
        query(taskIds: ['w1', 'a0'])                              || ['a0', 'w1']
        query(statuses: [RUNNING, PENDING])                       || ['a0', 'w0']
        query(instanceIds: [1])                                   || ['w1']
        query(agentHosts: ['a2.host'])                            || ['w1']
        query(jobKeys: [new JobKey('www-data', 'prod', 'api')])   || ['a0']
        query(limit: 2)                                           || ['a0', 'w0']
        query(offset: 1, limit: 1)                                || ['w0']
        query(role: 'www-data', environment: 'prod', jobName: 'hello', statuses: [FINISHED]) || ['w1']
        query(role: 'www-data', environment: 'prod', jobName: 'hello', instanceIds: [0])    || ['w0']
        query(role: 'www-data', statuses: [PENDING, FINISHED])    || ['a0', 'w1']
    }

    def "a write's queries see its own changes once: a task ending in it is found, not twice"() {
        given:
        save(Fixtures.task(id: 'w0', instance: 0, status: RUNNING, agent: 'a1'),
                Fixtures.task(id: 'w1', instance: 1, status: RUNNING, agent: 'a2'))

        expect:
        storage.write { store ->
            store.tasks().save(Fixtures.task(id: 'w1', instance: 1, status: FINISHED, agent: 'a2'))
            store.tasks().save(Fixtures.task(id: 'w2', instance: 2, status: PENDING))
            store.tasks().query(query(role: 'www-data', environment: 'prod', jobName: 'hello'))
                    .collect { "${it.id().value()}:${it.status()}".toString() }
        } == ['w0:RUNNING', 'w1:FINISHED', 'w2:PENDING']
        storage.read { it.tasks().query(query(statuses: [RUNNING])) }*.id()*.value() == ['w0']
    }

    def "events are kept in order per task"() {
        given:
        Task task = Fixtures.task(id: 't')

        when:
        storage.write { store ->
            store.tasks().save(task)
            store.tasks().addEvent(task.id(), new TaskEvent(1L, PENDING, 'created', 's'))
            store.tasks().addEvent(task.id(), new TaskEvent(2L, ASSIGNED, 'placed', 's'))
        }

        then:
        storage.read { it.tasks().events([task.id()]) } == [(task.id()): [
                new TaskEvent(1L, PENDING, 'created', 's'),
                new TaskEvent(2L, ASSIGNED, 'placed', 's')]]
        storage.read { it.tasks().events([new TaskId('other')]) } == [:]
    }

    def "active tasks are indexed by agent and job, and leave the index when they end"() {
        given:
        Task running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1')
        Task pending = Fixtures.task(id: 'p', instance: 1, status: PENDING)
        save(running, pending)

        expect:
        storage.read { it.tasks().active() }*.id()*.value() as Set == ['r', 'p'] as Set
        storage.read { it.tasks().activeOnAgent('a1') } == [running]
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.size() == 2

        when:
        save(running.withStatus(FINISHED, 2000L))

        then:
        storage.read { it.tasks().activeOnAgent('a1') } == []
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) } == [pending]
        storage.read { it.tasks().fetch(running.id()) }.get().status() == FINISHED
    }

    def "hasActive answers as activeOfJob would, this write's own changes included"() {
        given: 'one committed RUNNING task of the job'
        Task running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1')
        save(running)
        JobKey other = new JobKey('www-data', 'prod', 'other')

        expect:
        storage.read { it.tasks().hasActive(Fixtures.JOB) }
        !storage.read { it.tasks().hasActive(other) }
        storage.write { store ->
            store.tasks().save(running.withStatus(FINISHED, 2000L))
            assert !store.tasks().hasActive(Fixtures.JOB)
            store.tasks().save(Fixtures.task(id: 'p', instance: 1, status: PENDING))
            assert store.tasks().hasActive(Fixtures.JOB)
            store.tasks().save(Fixtures.task(id: 'p', instance: 1, status: KILLED))
            !store.tasks().hasActive(Fixtures.JOB)
        }
        !storage.read { it.tasks().hasActive(Fixtures.JOB) }
    }

    def "a write sees its own changes before commit"() {
        given:
        Task task = Fixtures.task(id: 'x', status: ASSIGNED, agent: 'a1')

        expect:
        storage.write { store ->
            store.tasks().save(task)
            assert store.tasks().activeOnAgent('a1') == [task]
            assert store.tasks().query(query(taskIds: ['x'])) == [task]
            store.tasks().save(task.withStatus(LOST, 5L))
            store.tasks().activeOnAgent('a1').isEmpty()
        }
    }

    def "a failed write changes nothing and runs no after-commit action"() {
        given:
        List<String> ran = []

        when:
        storage.write { store ->
            store.tasks().save(Fixtures.task(id: 'doomed', status: RUNNING, agent: 'a1'))
            store.jobs().save(Fixtures.job())
            store.afterCommit { ran << 'ran' }
            throw new IllegalStateException('boom')
        }

        then:
        thrown(IllegalStateException)
        ran.isEmpty()
        storage.read { it.tasks().activeOnAgent('a1') }.isEmpty()
        storage.read { it.tasks().query(query()) }.isEmpty()
        storage.read { it.jobs().fetchAll() }.isEmpty()
    }

    def "after-commit actions run once the write is durable, in order"() {
        given:
        List<String> ran = []

        when:
        storage.write { store ->
            store.afterCommit { ran << "first saw ${storage.read { it.jobs().fetchAll().size() }}" }
            store.afterCommit { ran << 'second' }
            store.jobs().save(Fixtures.job())
        }

        then:
        ran == ['first saw 1', 'second']
    }

    def "agents register, re-register with a fresh seq, ack seqs and are forgotten"() {
        given:
        def agent = Fixtures.agent(id: 'a1')

        when:
        storage.write { it.agents().save(agent); it.agents().setAckedSeq('a1', 7L) }

        then:
        storage.read { it.agents().fetch('a1') } == Optional.of(agent)
        storage.read { it.agents().ackedSeq('a1') } == 7L
        storage.read { it.agents().fetchAll() } == [agent]

        when:
        storage.write { it.agents().save(agent) }

        then:
        storage.read { it.agents().ackedSeq('a1') } == 0L

        when:
        storage.write { it.agents().delete('a1') }
        storage.write { it.agents().setAckedSeq('a1', 9L) }

        then:
        storage.read { it.agents().fetch('a1') }.isEmpty()
        storage.read { it.agents().ackedSeq('a1') } == 0L
    }

    def "everything survives closing and reopening a durable database"() {
        given:
        File dir = File.createTempDir()
        String url = newDurableDatabase(dir)
        def first = H2Storage.open(url, java.time.Clock.systemUTC())
        first.write { store ->
            store.jobs().save(Fixtures.job())
            store.tasks().save(Fixtures.task(id: 'r', status: RUNNING, agent: 'a1'))
            store.tasks().addEvent(new TaskId('r'), new TaskEvent(1L, RUNNING, 'up', 's'))
            store.agents().save(Fixtures.agent(id: 'a1'))
        }
        first.close()

        when:
        def second = H2Storage.open(url, java.time.Clock.systemUTC())

        then:
        second.read { it.jobs().fetchAll() } == [Fixtures.job()]
        second.read { it.tasks().activeOnAgent('a1') }*.id()*.value() == ['r']
        second.read { it.tasks().events([new TaskId('r')]) }.size() == 1
        second.read { it.agents().fetchAll() }*.agentId() == ['a1']

        cleanup:
        second?.close()
        dir.deleteDir()
    }

    /** A plain JDBC connection to {@code url}, past the storage (H2's user, PostgreSQL's URL). */
    static java.sql.Connection connect(String url) {
        url.startsWith('jdbc:h2:') ? java.sql.DriverManager.getConnection(url, 'sa', '')
                : java.sql.DriverManager.getConnection(url)
    }

    def "a database a newer scheduler migrated is refused, naming both versions, and left as it was"() {
        given: 'a database with a job, whose schema history has a migration this scheduler lacks'
        File dir = File.createTempDir()
        String url = newDurableDatabase(dir)
        def first = H2Storage.open(url, java.time.Clock.systemUTC())
        first.write { store -> store.jobs().save(Fixtures.job()) }
        first.close()
        connect(url).withCloseable { connection ->
            connection.createStatement().execute(
                    'INSERT INTO "flyway_schema_history" ("installed_rank", "version", '
                            + '"description", "type", "script", "checksum", "installed_by", '
                            + '"execution_time", "success") '
                            + "VALUES (999, '999', 'from the future', 'SQL', "
                            + "'V999__from_the_future.sql', 0, 'sa', 1, TRUE)")
        }

        when:
        H2Storage.open(url, java.time.Clock.systemUTC())

        then:
        PlatformException e = thrown()
        e.message ==~ /the database's schema is at version 999, newer than this scheduler's \(\d+(\.\d+)?\): a newer scheduler migrated it; run that version or later here \(the database was not changed\)/

        when: 'the newer migration is gone again (as if the newer scheduler had never run)'
        connect(url).withCloseable { connection ->
            connection.createStatement().execute(
                    'DELETE FROM "flyway_schema_history" WHERE "installed_rank" = 999')
        }
        def again = H2Storage.open(url, java.time.Clock.systemUTC())

        then: 'what it held is there, nothing half-migrated'
        again.read { it.jobs().fetchAll() } == [Fixtures.job()]

        cleanup:
        again?.close()
        dir.deleteDir()
    }

    def "a thousand task moves commit as one batch"() {
        given:
        List<Task> tasks = (0..<1000).collect {
            Fixtures.task(id: "t$it", instance: it, status: PENDING)
        }
        saveAll(tasks)

        when:
        long started = System.nanoTime()
        storage.write { store ->
            tasks.each {
                store.tasks().save(it.withPlacement('a1', 'h1', [:], null)
                        .withStatus(ASSIGNED, 2L))
                store.tasks().addEvent(it.id(), new TaskEvent(2L, ASSIGNED, 'placed', 's'))
            }
        }
        long millis = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        storage.read { it.tasks().activeOnAgent('a1') }.size() == 1000
        millis < 5000
    }

    private int countRows(String table) {
        // Only this spec looks under the hood, to prove the de-duplication.
        storage.read { store ->
            def statement = ((Unit) store).connection().createStatement()
            def rows = statement.executeQuery("SELECT COUNT(*) FROM $table")
            rows.next()
            int count = rows.getInt(1)
            statement.close()
            count
        }
    }
}
