package io.borealis.scheduler.storage.h2

import static io.borealis.api.model.TaskStatus.RUNNING

import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.storage.FencedException
import io.borealis.scheduler.storage.StoreProvider
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import java.time.Clock
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Two storages on one database, as two scheduler replicas: once one claims leadership, no write
 * of the other lands. On H2 (one in-memory database, two pools); {@link PostgresFencingSpec} runs
 * every feature on PostgreSQL.
 */
class FencingSpec extends Specification {
    private static final AtomicInteger COUNT = new AtomicInteger()

    String url = newSharedDatabase()
    H2Storage old = H2Storage.open(url, Clock.systemUTC())
    H2Storage next = H2Storage.open(url, Clock.systemUTC())

    /** The URL of a new, empty database that two storages can open at once. */
    String newSharedDatabase() {
        "jdbc:h2:mem:fencing-${COUNT.incrementAndGet()};DB_CLOSE_DELAY=-1"
    }

    /** How many sessions of the database wait for a lock another holds. */
    int sessionsWaitingForALock(StoreProvider store) {
        countOf(store, 'SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL')
    }

    static int countOf(StoreProvider store, String sql) {
        ((Unit) store).connection().createStatement().withCloseable { statement ->
            def rows = statement.executeQuery(sql)
            rows.next()
            rows.getInt(1)
        }
    }

    static JobKey key(String name) {
        new JobKey('www-data', 'prod', name)
    }

    static JobConfiguration job(String name) {
        Fixtures.job(job: key(name))
    }

    def cleanup() {
        old?.close()
        next?.close()
    }

    def "once another storage claims, the old one's write fails and nothing of it lands"() {
        given: 'the old leader claimed and wrote'
        old.claimLeadership() == 1
        old.write { it.jobs().save(job('before')) }

        when: 'the next one claims'
        long claimed = next.claimLeadership()

        then:
        claimed == 2

        when: 'the old leader writes a job, a task and a quota'
        List<String> afterCommit = []
        old.write { store ->
            store.jobs().save(job('after'))
            store.tasks().save(Fixtures.task(id: 'fenced', job: key('after'), status: RUNNING,
                    agent: 'a1'))
            store.quotas().save('www-data', new Resources(1.0d, 1024L, 1024L, 0))
            store.afterCommit { afterCommit << 'ran' }
        }

        then: 'it is fenced, saying which epochs'
        FencedException fenced = thrown()
        fenced.claimed() == 1
        fenced.current() == 2
        fenced.message.contains('claimed write epoch 1 but the storage is at epoch 2')
        afterCommit.isEmpty()

        and: 'nothing of it is stored, as either storage reads it'
        [old, next].every { storage ->
            storage.read { it.jobs().fetchAll() }*.key()*.name() == ['before'] &&
                    storage.read { it.tasks().fetch(new TaskId('fenced')) }.isEmpty() &&
                    storage.read { it.tasks().activeOnAgent('a1') }.isEmpty() &&
                    storage.read { it.quotas().fetchAll() }.isEmpty()
        }

        when: 'the new leader writes'
        next.write { it.jobs().save(job('new')) }

        then:
        next.read { it.jobs().fetchAll() }*.key()*.name() as Set == ['before', 'new'] as Set
    }

    def "a storage that never claimed writes only until somebody claims"() {
        when:
        old.write { it.jobs().save(job('alone')) }
        next.claimLeadership()
        old.write { it.jobs().save(job('late')) }

        then:
        FencedException fenced = thrown()
        fenced.claimed() == 0
        next.read { it.jobs().fetchAll() }*.key()*.name() == ['alone']
    }

    def "a claim waits for the old leader's write under way: that write lands, the next fails"() {
        given:
        old.claimLeadership()
        CountDownLatch writing = new CountDownLatch(1)
        CountDownLatch release = new CountDownLatch(1)

        when: 'the old leader is inside a write when the next one claims'
        def write = CompletableFuture.runAsync {
            old.write { store ->
                store.jobs().save(job('in-flight'))
                writing.countDown()
                release.await(30, TimeUnit.SECONDS)
            }
        }
        writing.await(30, TimeUnit.SECONDS)
        def claim = CompletableFuture.supplyAsync {
            next.claimLeadership()
        }

        then: 'the claim waits on the epoch row the write has locked'
        new PollingConditions(timeout: 30).eventually {
            assert next.read { sessionsWaitingForALock(it) } == 1
        }
        !claim.done

        when:
        release.countDown()
        write.get(30, TimeUnit.SECONDS)

        then:
        // (The old write's after-commit actions may run before or after the claim returns: they
        // follow its commit, which is all the claim waits for.)
        claim.get(30, TimeUnit.SECONDS) == 2
        next.read { it.jobs().fetchAll() }*.key()*.name() == ['in-flight']

        when:
        old.write { it.jobs().save(job('too-late')) }

        then:
        thrown(FencedException)
        next.read { it.jobs().fetchAll() }*.key()*.name() == ['in-flight']
    }

    def "claiming loads what the previous leader stored into the new leader's memory"() {
        given: 'the next storage loaded its views (first read) before the old leader placed a task'
        old.claimLeadership()
        next.read { it.tasks().active() }
        old.write { it.tasks().save(Fixtures.task(id: 'placed', status: RUNNING, agent: 'a1')) }
        assert next.read { it.tasks().activeOnAgent('a1') }.isEmpty()

        when:
        next.claimLeadership()

        then:
        next.read { it.tasks().activeOnAgent('a1') }*.id()*.value() == ['placed']
    }
}
