package io.borealis.scheduler.quota

import static io.borealis.api.model.TaskStatus.KILLING
import static io.borealis.api.model.TaskStatus.PENDING

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.error.ErrorCode
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.state.JobManager
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.QuotaFixtures
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import io.borealis.scheduler.tier.Tiers
import io.borealis.scheduler.validation.JobValidator
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import spock.lang.AutoCleanup
import spock.lang.Specification

/** Quotas over real H2: setting them, reading consumption, and the admission of job changes. */
class QuotaManagerSpec extends Specification {
    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    StateManager stateManager = new StateManager(clock, new RecordingGateway(),
            new PendingSignal(), 'scheduler-1')
    QuotaManager quotas = new QuotaManager(storage, new QuotaCheck(Tiers.auroraDefaults()))
    JobManager jobs = new JobManager(storage, stateManager, new JobValidator('devcluster'), quotas)

    static Resources r(double cpu, long ram, long disk) {
        new Resources(cpu, ram, disk, 0)
    }

    static JobKey key(String name, String role = 'www-data') {
        new JobKey(role, 'prod', name)
    }

    def "a role nobody set a quota for has quota zero and holds nothing"() {
        expect:
        quotas.usage('nobody') == new QuotaUsage(Amounts.ZERO, Consumption.NONE)
    }

    def "setQuota replaces the quota; gpu is not kept"() {
        when:
        quotas.setQuota('www-data', r(2, 2048, 4096))
        quotas.setQuota('www-data', new Resources(4, 1024, 1024, 3))

        then:
        quotas.usage('www-data').quota() == r(4, 1024, 1024)
        storage.read { it.quotas().fetchAll() } == ['www-data': r(4, 1024, 1024)]
    }

    def "a bad quota or role is refused with every problem and nothing is stored: #why"() {
        given:
        quotas.setQuota('www-data', r(1, 1024, 1024))

        when:
        quotas.setQuota(role, quota)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message == message
        storage.read { it.quotas().fetchAll() } == ['www-data': r(1, 1024, 1024)]

        where:
        why            | role       | quota                         || message
        'negative cpu' | 'www-data' | r(-1, 1024, 1024)             || 'quota.cpu must not be negative, got -1.0'
        'absurd cpu'   | 'www-data' | r(1e15d, 1024, 1024)          || 'quota.cpu must be at most 1000000 cores, got 1.0E15'
        'NaN cpu'      | 'www-data' | r(Double.NaN, 1024, 1024)     || 'quota.cpu must be a finite number of cores, got NaN'
        'two problems' | 'www-data' | r(1, -5, -6)                  || 'quota.ramMb must not be negative, got -5; quota.diskMb must not be negative, got -6'
        'path role'    | '../x'     | r(1, 1, 1)                    || "role '../x' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'slash role'   | 'a/b'      | r(1, 1, 1)                    || "role 'a/b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'dots role'    | '..'       | r(1, 1, 1)                    || "role '..' must not be '.' or '..'"
        'empty role'   | ''         | r(1, 1, 1)                    || "role '' must be 1-255 characters of letters, digits, '-', '_' and '.'"
    }

    def "reading the quota of a bad role is refused"() {
        when:
        quotas.usage('../etc')

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
    }

    def "a production job over quota is refused naming the shortfall, and nothing is stored"() {
        given:
        quotas.setQuota('www-data', r(10, 2048, 100_000))

        when:
        jobs.createJob(QuotaFixtures.job(instances: 4, ram: 1024))

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INSUFFICIENT_QUOTA
        e.message == 'Insufficient resource quota for role www-data: RAM asks 4096 MB, ' +
                '2048 MB left of 2048 MB quota (use borealis-admin increase_quota)'
        storage.read { it.jobs().fetchAll() }.isEmpty()
        storage.read { it.tasks().active() }.isEmpty()
    }

    def "a production job in a role without quota is refused (quota zero, as Aurora)"() {
        when:
        jobs.createJob(QuotaFixtures.job(instances: 1))

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INSUFFICIENT_QUOTA
        e.message.startsWith('Insufficient resource quota for role www-data: CPU asks 1 core, ' +
                '0 cores left of 0 cores quota; ')
    }

    def "non-production and dedicated jobs are not checked, and are counted apart"() {
        when:
        jobs.createJob(QuotaFixtures.job(production: false, instances: 2, job: key('batch')))
        jobs.createJob(QuotaFixtures.job(constraints: [QuotaFixtures.dedicated()], instances: 1))

        then:
        with(quotas.usage('www-data').consumption()) {
            prodShared() == Amounts.ZERO
            nonProdShared() == r(2, 256, 512)
            prodDedicated() == r(1, 128, 256)
            nonProdDedicated() == Amounts.ZERO
        }
    }

    def "production work fits until the quota is used up; what ended is given back"() {
        given:
        quotas.setQuota('www-data', r(3, 384, 768))

        when:
        jobs.createJob(QuotaFixtures.job(job: key('a'), instances: 2))
        jobs.createJob(QuotaFixtures.job(job: key('b'), instances: 1))

        then:
        quotas.usage('www-data').consumption().prodShared() == r(3, 384, 768)

        when:
        jobs.createJob(QuotaFixtures.job(job: key('c'), instances: 1))

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INSUFFICIENT_QUOTA

        when: 'a job is killed: its tasks end (never placed, they go straight to KILLED)'
        jobs.killTasks(key('b'), [] as Set, '')
        jobs.createJob(QuotaFixtures.job(job: key('c'), instances: 1))

        then:
        quotas.usage('www-data').consumption().prodShared() == r(3, 384, 768)
        storage.read { it.jobs().fetchAll() }*.key()*.name() == ['a', 'c']
    }

    def "tasks being killed still hold their share until they end"() {
        given:
        quotas.setQuota('www-data', r(1, 128, 256))
        jobs.createJob(QuotaFixtures.job(instances: 1))
        def agent = io.borealis.scheduler.testing.Fixtures.agent()
        storage.write { store ->
            store.agents().save(agent)
            stateManager.assign(store, store.tasks().active()[0].id(), agent, [:])
        }

        when:
        jobs.killTasks(io.borealis.scheduler.testing.Fixtures.JOB, [] as Set, '')

        then:
        storage.read { it.tasks().active() }*.status() == [KILLING]
        quotas.usage('www-data').consumption().prodShared() == r(1, 128, 256)
    }

    def "another role's tasks do not use this role's quota"() {
        given:
        quotas.setQuota('www-data', r(1, 128, 256))
        quotas.setQuota('ops', r(1, 128, 256))
        jobs.createJob(QuotaFixtures.job(job: key('x', 'ops'), instances: 1))

        when:
        jobs.createJob(QuotaFixtures.job(instances: 1))

        then:
        quotas.usage('www-data').consumption().prodShared() == r(1, 128, 256)
        quotas.usage('ops').consumption().prodShared() == r(1, 128, 256)
    }

    def "added production instances pass the same check"() {
        given:
        quotas.setQuota('www-data', r(3, 3 * 128, 3 * 256))
        jobs.createJob(QuotaFixtures.job(instances: 2))

        when:
        jobs.addInstances(io.borealis.scheduler.testing.Fixtures.JOB, 0, 2)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INSUFFICIENT_QUOTA
        e.message == 'Insufficient resource quota for role www-data: CPU asks 2 cores, 1 core ' +
                'left of 3 cores quota; RAM asks 256 MB, 128 MB left of 384 MB quota; DISK asks ' +
                '512 MB, 256 MB left of 768 MB quota (use borealis-admin increase_quota)'
        storage.read { it.tasks().active() }.size() == 2
        storage.read { it.jobs().fetchAll() }*.instanceCount() == [2]

        when:
        jobs.addInstances(io.borealis.scheduler.testing.Fixtures.JOB, 0, 1)

        then:
        storage.read { it.tasks().active() }*.instanceId().sort() == [0, 1, 2]
        quotas.usage('www-data').consumption().prodShared() == r(3, 3 * 128, 3 * 256)
    }

    def "concurrent creates cannot both squeeze into the last of a quota"() {
        given: 'room for exactly 5 one-core jobs'
        quotas.setQuota('www-data', r(5, 5 * 128, 5 * 256))
        int attempts = 20
        def pool = Executors.newFixedThreadPool(8)
        def start = new CountDownLatch(1)

        when:
        def results = pool.invokeAll((0..<attempts).collect { i ->
            { ->
                start.await()
                try {
                    jobs.createJob(QuotaFixtures.job(job: key("job-$i"), instances: 1))
                    'created'
                } catch (PlatformException e) {
                    e.code().name()
                }
            } as Callable<String>
        }.tap { start.countDown() })*.get()

        then:
        results.count('created') == 5
        results.count('INSUFFICIENT_QUOTA') == attempts - 5
        storage.read { it.jobs().fetchAll() }.size() == 5
        storage.read { it.tasks().active() }*.status().every { it == PENDING }
        quotas.usage('www-data').consumption().prodShared() == r(5, 5 * 128, 5 * 256)

        cleanup:
        pool.shutdownNow()
    }
}
