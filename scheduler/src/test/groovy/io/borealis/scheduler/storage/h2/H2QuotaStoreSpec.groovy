package io.borealis.scheduler.storage.h2

import io.borealis.api.model.Resources
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TestStorage
import java.sql.Connection
import java.sql.DriverManager
import java.time.Clock
import org.flywaydb.core.Flyway
import spock.lang.AutoCleanup
import spock.lang.Specification

/** Quotas, on H2; {@link PostgresQuotaStoreSpec} runs every feature on PostgreSQL. */
class H2QuotaStoreSpec extends Specification {
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

    /** A plain connection to {@code url}, for looking under the storage. */
    Connection connect(String url) {
        DriverManager.getConnection(url, 'sa', '')
    }

    /** Migrates the database at {@code url} to schema version {@code target}, as the storage would. */
    void migrate(String url, String target) {
        Flyway.configure().dataSource(url, 'sa', '').locations('classpath:db/migration')
                .target(target).load().migrate()
    }

    static Resources r(double cpu, long ram, long disk) {
        new Resources(cpu, ram, disk, 0)
    }

    def "quotas are stored, replaced, listed by role and deleted"() {
        when:
        storage.write { store ->
            store.quotas().save('www-data', r(2, 2048, 4096))
            store.quotas().save('ops', r(0.5d, 512, 512))
            store.quotas().save('www-data', r(4, 1024, 1024))
        }

        then:
        storage.read { it.quotas().fetch('www-data') } == Optional.of(r(4, 1024, 1024))
        storage.read { it.quotas().fetch('nobody') }.isEmpty()
        storage.read { it.quotas().fetchAll() } == [ops: r(0.5d, 512, 512), 'www-data': r(4, 1024, 1024)]
        storage.read { it.quotas().fetchAll() }.keySet() as List == ['ops', 'www-data']

        when:
        boolean deleted = storage.write { it.quotas().delete('ops') }

        then:
        deleted
        !storage.write { it.quotas().delete('ops') }
        storage.read { it.quotas().fetchAll() }.keySet() == ['www-data'] as Set
    }

    def "a write sees its own quota; a failed write keeps the old one"() {
        given:
        storage.write { it.quotas().save('www-data', r(1, 1, 1)) }

        when:
        storage.write { store ->
            store.quotas().save('www-data', r(9, 9, 9))
            assert store.quotas().fetch('www-data').get() == r(9, 9, 9)
            throw new IllegalStateException('refused')
        }

        then:
        thrown(IllegalStateException)
        storage.read { it.quotas().fetch('www-data') }.get() == r(1, 1, 1)
    }

    def "a role's active tasks are found across its jobs, with a write's own changes"() {
        given:
        def ops = Fixtures.config(job: new io.borealis.api.model.JobKey('ops', 'prod', 'a'))
        def www = Fixtures.config(job: new io.borealis.api.model.JobKey('www-data', 'test', 'b'))
        storage.write { store ->
            store.tasks().save(Fixtures.task(id: 'o1', config: ops))
            store.tasks().save(Fixtures.task(id: 'w1', config: www))
            store.tasks().save(Fixtures.task(id: 'w2', config: Fixtures.config(), instance: 1))
            store.tasks().save(Fixtures.task(id: 'w3', config: www, instance: 2,
                    status: io.borealis.api.model.TaskStatus.FINISHED))
        }

        expect:
        storage.read { it.tasks().activeOfRole('www-data') }*.id()*.value().sort() == ['w1', 'w2']
        storage.read { it.tasks().activeOfRole('ops') }*.id()*.value() == ['o1']
        storage.read { it.tasks().activeOfRole('nobody') }.isEmpty()
        storage.write { store ->
            store.tasks().save(Fixtures.task(id: 'w4', config: www, instance: 3))
            store.tasks().save(store.tasks().fetch(new TaskId('w1')).get()
                    .withStatus(io.borealis.api.model.TaskStatus.KILLED, 2L))
            store.tasks().activeOfRole('www-data')*.id()*.value().sort()
        } == ['w2', 'w4']
    }

    def "a read cannot change a quota"() {
        when:
        storage.read { it.quotas().save('www-data', r(1, 1, 1)) }

        then:
        thrown(IllegalStateException)
    }

    def "quotas survive closing and reopening a durable database"() {
        given:
        File dir = File.createTempDir()
        String url = newDurableDatabase(dir)
        def first = H2Storage.open(url, Clock.systemUTC())
        first.write { it.quotas().save('www-data', r(2.5d, 2048, 4096)) }
        first.close()

        when:
        def second = H2Storage.open(url, Clock.systemUTC())

        then:
        second.read { it.quotas().fetchAll() } == ['www-data': r(2.5d, 2048, 4096)]

        cleanup:
        second?.close()
        dir.deleteDir()
    }

    def "upgrading a store that holds a '..' job removes it, and keeps every valid one"() {
        given: 'a version 1 store with a valid job and a job in environment ".."'
        File dir = File.createTempDir()
        String url = newDurableDatabase(dir)
        migrate(url, '1')
        String good = TaskConfigs.toJson(Fixtures.config())
        String bad = good.replace('"environment":"prod"', '"environment":".."')
        assert bad != good
        connect(url).withCloseable { c ->
            c.createStatement().withCloseable { s ->
                s.execute("INSERT INTO task_configs VALUES ('good', '$good'), ('bad', '$bad')")
                s.execute("""INSERT INTO jobs (role, environment, name, owner, instance_count,
                        config_hash, cron_collision_policy, created_at) VALUES
                        ('www-data', 'prod', 'hello', 'www-data', 1, 'good', 'KILL_EXISTING', 1),
                        ('www-data', '..', 'hello', 'www-data', 1, 'bad', 'KILL_EXISTING', 1)""")
                s.execute("""INSERT INTO tasks (task_id, role, environment, job_name, instance_id,
                        config_hash, status, active, status_timestamp, failure_count,
                        assigned_ports) VALUES
                        ('t-good', 'www-data', 'prod', 'hello', 0, 'good', 'RUNNING', TRUE, 1, 0, '{}'),
                        ('t-bad', 'www-data', '..', 'hello', 0, 'bad', 'RUNNING', TRUE, 1, 0, '{}')""")
                s.execute("""INSERT INTO task_events (task_id, ts, status, message) VALUES
                        ('t-good', 1, 'RUNNING', 'up'), ('t-bad', 1, 'RUNNING', 'up')""")
            }
        }

        when: 'the scheduler opens it'
        def upgraded = H2Storage.open(url, Clock.systemUTC())

        then: 'it loads (a key with ".." could not even be read back), without the bad job'
        upgraded.read { it.jobs().fetchAll() }*.key()*.toString() == ['www-data/prod/hello']
        upgraded.read { it.tasks().active() }*.id()*.value() == ['t-good']
        upgraded.read { it.tasks().events([new TaskId('t-good'), new TaskId('t-bad')]) }
                .keySet()*.value() == ['t-good']
        upgraded.read { it.quotas().fetchAll() }.isEmpty()

        cleanup:
        upgraded?.close()
        dir.deleteDir()
    }
}
