package io.borealis.scheduler.state

import io.borealis.scheduler.storage.Task
import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.error.ErrorCode
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.quota.QuotaCheck
import io.borealis.scheduler.quota.QuotaManager
import io.borealis.scheduler.tier.Tiers
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import io.borealis.scheduler.validation.JobValidator
import spock.lang.AutoCleanup
import spock.lang.Specification

class JobManagerSpec extends Specification {
    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    StateManager stateManager = new StateManager(clock, new RecordingGateway(),
            new PendingSignal(), 'scheduler-1')
    QuotaManager quotas = new QuotaManager(storage, new QuotaCheck(Tiers.auroraDefaults()))
    JobManager jobs = new JobManager(storage, stateManager, new JobValidator('devcluster'), quotas)

    List<Task> tasks() {
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.sort { it.instanceId() }
    }

    def "creating a job stores it and makes one PENDING task per instance"() {
        when:
        jobs.createJob(Fixtures.job(instances: 3))

        then:
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isPresent()
        tasks()*.instanceId() == [0, 1, 2]
        tasks()*.status().unique() == [PENDING]
    }

    def "a duplicate job is refused and nothing changes"() {
        given:
        jobs.createJob(Fixtures.job(instances: 1))

        when:
        jobs.createJob(Fixtures.job(instances: 5))

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.JOB_EXISTS
        e.message == 'job www-data/prod/hello already exists'
        tasks().size() == 1
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().instanceCount() == 1
    }

    def "an invalid job is refused with every problem and nothing is stored"() {
        when:
        jobs.createJob(Fixtures.job(instances: 0, resources: new Resources(0d, 1L, 1L, 0)))

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message == 'instanceCount must be positive, got 0; resources.cpu must be positive, got 0.0'
        storage.read { it.jobs().fetchAll() }.isEmpty()
    }

    def "killing chosen instances leaves the others and keeps the job"() {
        given:
        jobs.createJob(Fixtures.job(instances: 3))

        when:
        jobs.killTasks(Fixtures.JOB, [1] as Set, 'scale down')

        then:
        tasks()*.instanceId() == [0, 2]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isPresent()
        storage.read { it.tasks().events(it.tasks().query(killedQuery())*.id()) }
                .values()*.last()*.message() == ['Killed by user: scale down']
    }

    def "a killall removes the job; its tasks stay queryable"() {
        given:
        jobs.createJob(Fixtures.job(instances: 2))

        when:
        jobs.killTasks(Fixtures.JOB, [] as Set, '')

        then:
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isEmpty()
        tasks().isEmpty()
        storage.read { it.tasks().query(killedQuery()) }.size() == 2
    }

    def "killing an unknown job is refused"() {
        when:
        jobs.killTasks(new JobKey('nobody', 'prod', 'nothing'), [] as Set, '')

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.JOB_NOT_FOUND
        e.message == 'job nobody/prod/nothing does not exist'
    }

    def "addInstances adds copies of an instance numbered after the highest, and counts them"() {
        given:
        jobs.createJob(Fixtures.job(instances: 3))
        jobs.killTasks(Fixtures.JOB, [1] as Set, '')

        when:
        def added = jobs.addInstances(Fixtures.JOB, 0, 2)

        then:
        added*.instanceId() == [3, 4]
        added*.status().unique() == [PENDING]
        added*.config().unique() == [Fixtures.config()]
        tasks()*.instanceId() == [0, 2, 3, 4]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().instanceCount() == 5
        storage.read { it.tasks().events(added*.id()) }.values()*.last()*.message()
                .unique() == ['Task created']
    }

    def "addInstances copies the configuration of the instance it is given"() {
        given:
        jobs.createJob(Fixtures.job(instances: 1))
        def other = Fixtures.config(resources: new Resources(0.5d, 64L, 64L, 0))
        storage.write { store -> stateManager.insertPendingTasks(store, other, [7]) }

        when:
        def added = jobs.addInstances(Fixtures.JOB, 7, 1)

        then:
        added*.instanceId() == [8]
        added[0].config() == other
    }

    def "addInstances with a bad request is refused and changes nothing: #why"() {
        given:
        jobs.createJob(Fixtures.job(instances: 2))

        when:
        jobs.addInstances(key, instance, count)

        then:
        PlatformException e = thrown()
        e.code() == code
        e.message == message
        tasks()*.instanceId() == [0, 1]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().instanceCount() == 2

        where:
        why               | key                                | instance | count || code                      | message
        'zero count'      | Fixtures.JOB                       | 0        | 0     || ErrorCode.INVALID_REQUEST | 'count must be from 1 to 10000, got 0'
        'negative count'  | Fixtures.JOB                       | 0        | -3    || ErrorCode.INVALID_REQUEST | 'count must be from 1 to 10000, got -3'
        'huge count'      | Fixtures.JOB                       | 0        | 10001 || ErrorCode.INVALID_REQUEST | 'count must be from 1 to 10000, got 10001'
        'too many in all' | Fixtures.JOB                       | 0        | 9999  || ErrorCode.INVALID_REQUEST | 'job www-data/prod/hello would have 10001 instances; at most 10000 are allowed'
        'no such instance'| Fixtures.JOB                       | 5        | 1     || ErrorCode.INVALID_REQUEST | 'instance 5 of job www-data/prod/hello is not active: give an active instance to copy'
        'negative instance'| Fixtures.JOB                      | -1       | 1     || ErrorCode.INVALID_REQUEST | 'instance -1 of job www-data/prod/hello is not active: give an active instance to copy'
        'unknown job'     | new JobKey('www-data', 'prod', 'x')| 0        | 1     || ErrorCode.JOB_NOT_FOUND   | 'job www-data/prod/x does not exist'
    }

    def "addInstances copying a killed instance is refused"() {
        given:
        jobs.createJob(Fixtures.job(instances: 2))
        jobs.killTasks(Fixtures.JOB, [1] as Set, '')

        when:
        jobs.addInstances(Fixtures.JOB, 1, 1)

        then:
        PlatformException e = thrown()
        e.message == 'instance 1 of job www-data/prod/hello is not active: give an active instance to copy'
        tasks()*.instanceId() == [0]
    }

    private static io.borealis.api.model.TaskQuery killedQuery() {
        new io.borealis.api.model.TaskQuery(null, null, null, null, [KILLED] as Set, null, null,
                null, null, null)
    }
}
