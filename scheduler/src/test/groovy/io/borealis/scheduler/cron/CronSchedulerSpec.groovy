package io.borealis.scheduler.cron

import static io.borealis.api.model.CronCollisionPolicy.CANCEL_NEW
import static io.borealis.api.model.CronCollisionPolicy.KILL_EXISTING
import static io.borealis.api.model.CronCollisionPolicy.RUN_OVERLAP
import static io.borealis.api.model.TaskStatus.KILLING
import static io.borealis.api.model.TaskStatus.PENDING

import io.borealis.api.model.CronRunOutcome
import io.borealis.api.model.CronTrigger
import io.borealis.api.model.JobKey
import io.borealis.api.model.TaskQuery
import io.borealis.scheduler.error.ErrorCode
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.metrics.SchedulerMetrics
import io.borealis.scheduler.quota.QuotaCheck
import io.borealis.scheduler.quota.QuotaManager
import io.borealis.scheduler.state.JobManager
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.tier.Tiers
import io.borealis.scheduler.validation.JobValidator
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Cron jobs on a hand-moved clock and a real H2 database in a file, so that "the scheduler was
 * down" is a closed and reopened storage.
 */
class CronSchedulerSpec extends Specification {
    static final Instant START = Instant.parse('2026-01-05T10:00:30Z')

    @TempDir
    Path dir
    MutableClock clock = new MutableClock(START)
    @AutoCleanup
    SchedulerMetrics metrics = new SchedulerMetrics()
    H2Storage storage
    CronJobs cron
    CronScheduler scheduler
    JobManager jobs

    def setup() {
        open()
    }

    def cleanup() {
        storage?.close()
    }

    /** Opens the storage and the cron parts as a starting scheduler does. */
    void open() {
        storage = H2Storage.open("jdbc:h2:file:${dir.resolve('db')}", clock)
        StateManager stateManager = new StateManager(clock, new RecordingGateway(),
                new PendingSignal(), 'scheduler-1')
        QuotaManager quotas = new QuotaManager(storage, new QuotaCheck(Tiers.auroraDefaults()))
        JobValidator validator = new JobValidator('devcluster')
        cron = new CronJobs(storage, stateManager, quotas, metrics, validator, clock)
        scheduler = new CronScheduler(storage, cron, clock, Duration.ofSeconds(1))
        jobs = new JobManager(storage, stateManager, validator, quotas)
    }

    void restart() {
        storage.close()
        open()
    }

    List<Task> active() {
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.sort { it.instanceId() }
    }

    List<Task> all() {
        storage.read { it.tasks().query(new TaskQuery('www-data', 'prod', 'hello', null, null,
                null, null, null, null, null)) }
    }

    double counter(String name) {
        metrics.registry().get(name).counter().count()
    }

    def "a trigger time starts one run, once"() {
        given:
        cron.schedule(Fixtures.cronJob('*/5 * * * *', instances: 2))

        expect: 'nothing before the first trigger time'
        scheduler.tickOnce() == 0
        active().isEmpty()

        when: 'the clock passes 10:05'
        clock.advance(Duration.ofMinutes(5))
        int first = scheduler.tickOnce()
        int again = scheduler.tickOnce()

        then:
        first == 1
        again == 0
        active()*.instanceId() == [0, 1]
        active()*.status().unique() == [PENDING]
        with(cron.show(Fixtures.JOB)) {
            lastRuns().size() == 1
            lastRuns()[0].trigger() == CronTrigger.SCHEDULE
            lastRuns()[0].outcome() == CronRunOutcome.STARTED
            lastRuns()[0].triggerTimeMs() == Instant.parse('2026-01-05T10:05:00Z').toEpochMilli()
            lastTriggerMs() == Instant.parse('2026-01-05T10:05:00Z').toEpochMilli()
        }
        counter('borealis.cron.triggered') == 1
    }

    def "the schedule is read in the job's time zone"() {
        given: '09:00 in New York is 14:00 UTC in winter'
        cron.schedule(Fixtures.cronJob('0 9 * * *', timezone: 'America/New_York'))

        expect:
        cron.show(Fixtures.JOB).nextRunsMs().take(2).collect { Instant.ofEpochMilli(it) } ==
                [Instant.parse('2026-01-05T14:00:00Z'), Instant.parse('2026-01-06T14:00:00Z')]
        cron.show(Fixtures.JOB).timezone() == 'America/New_York'

        when: 'just before 14:00 UTC'
        clock.advance(Duration.between(START, Instant.parse('2026-01-05T13:59:59Z')))
        int before = scheduler.tickOnce()
        clock.advance(Duration.ofSeconds(1))
        int at = scheduler.tickOnce()

        then:
        before == 0
        at == 1
        active().size() == 1
    }

    def "across the change to summer time 09:00 in New York moves to 13:00 UTC"() {
        given:
        cron.schedule(Fixtures.cronJob('0 9 * * *', timezone: 'America/New_York'))
        clock.advance(Duration.between(START, Instant.parse('2026-03-07T15:00:00Z')))

        expect: 'clocks in New York go forward on 2026-03-08'
        cron.show(Fixtures.JOB).nextRunsMs().take(2).collect { Instant.ofEpochMilli(it) } ==
                [Instant.parse('2026-03-08T13:00:00Z'), Instant.parse('2026-03-09T13:00:00Z')]
    }

    def "CANCEL_NEW skips a trigger while the previous run is active, and says so"() {
        given:
        cron.schedule(Fixtures.cronJob('* * * * *', policy: CANCEL_NEW))
        clock.advance(Duration.ofMinutes(1))
        scheduler.tickOnce()
        List<Task> firstRun = active()

        when:
        clock.advance(Duration.ofMinutes(1))
        scheduler.tickOnce()

        then:
        active()*.id() == firstRun*.id()
        with(cron.show(Fixtures.JOB).lastRuns()[0]) {
            outcome() == CronRunOutcome.SKIPPED
            message().contains('the previous run is still active (1 tasks)')
        }
        counter('borealis.cron.collisions') == 1
        counter('borealis.cron.triggered') == 1
    }

    def "KILL_EXISTING kills the previous run's tasks and starts the new run"() {
        given:
        cron.schedule(Fixtures.cronJob('* * * * *', policy: KILL_EXISTING, instances: 2))
        clock.advance(Duration.ofMinutes(1))
        scheduler.tickOnce()
        List<Task> firstRun = active()

        when:
        clock.advance(Duration.ofMinutes(1))
        scheduler.tickOnce()

        then: 'the unplaced old tasks end at once (PENDING -> KILLED); two new PENDING ones'
        active().size() == 2
        !active()*.id().any { it in firstRun*.id() }
        all().findAll { it.id() in firstRun*.id() }*.status().every { it != PENDING }
        with(cron.show(Fixtures.JOB).lastRuns()[0]) {
            outcome() == CronRunOutcome.KILLED_PREVIOUS
            message().startsWith("killed the previous run's 2 active tasks")
        }
        counter('borealis.cron.triggered') == 2
    }

    def "trigger times missed while the scheduler was down run once when it comes back"() {
        given:
        cron.schedule(Fixtures.cronJob('*/10 * * * *'))

        when: 'down across 10:10, 10:20 and 10:30'
        storage.close()
        clock.advance(Duration.ofMinutes(35))
        open()
        int runs = scheduler.tickOnce()

        then:
        runs == 1
        active().size() == 1
        with(cron.show(Fixtures.JOB).lastRuns()) {
            size() == 1
            it[0].trigger() == CronTrigger.MISSED
            it[0].triggerTimeMs() == Instant.parse('2026-01-05T10:30:00Z').toEpochMilli()
            it[0].message().contains('3 trigger times passed since 2026-01-05T10:10:00Z')
        }

        when: 'restarted again at the same time: no second run for the same trigger'
        restart()
        int second = scheduler.tickOnce()
        restart()
        int third = scheduler.tickOnce()

        then:
        second == 0
        third == 0
        all().size() == 1
        cron.show(Fixtures.JOB).lastRuns().size() == 1
    }

    def "a month down with an every-minute schedule is still one run, for the latest minute"() {
        given:
        cron.schedule(Fixtures.cronJob('* * * * *'))

        when:
        restart()
        clock.advance(Duration.ofDays(30))
        int runs = scheduler.tickOnce()

        then:
        runs == 1
        active().size() == 1
        with(cron.show(Fixtures.JOB).lastRuns()[0]) {
            trigger() == CronTrigger.MISSED
            triggerTimeMs() == Instant.parse('2026-02-04T10:00:00Z').toEpochMilli()
            message().contains("at least ${Schedule.MAX_COUNTED} trigger times passed")
        }
        scheduler.tickOnce() == 0
    }

    def "scheduling again replaces the configuration from the next run on"() {
        given:
        cron.schedule(Fixtures.cronJob('*/5 * * * *', instances: 1, policy: CANCEL_NEW))
        clock.advance(Duration.ofMinutes(5))
        scheduler.tickOnce()

        when:
        boolean replaced = cron.schedule(Fixtures.cronJob('*/5 * * * *', instances: 3,
                policy: KILL_EXISTING))

        then: 'the run in progress is left alone'
        replaced
        active().size() == 1

        when:
        clock.advance(Duration.ofMinutes(5))
        scheduler.tickOnce()

        then:
        active()*.instanceId() == [0, 1, 2]
        cron.show(Fixtures.JOB).lastRuns()[0].outcome() == CronRunOutcome.KILLED_PREVIOUS
        cron.show(Fixtures.JOB).job().instanceCount() == 3
    }

    def "cron start runs now without using up the next trigger time"() {
        given:
        cron.schedule(Fixtures.cronJob('*/5 * * * *', policy: CANCEL_NEW))

        when:
        def run = cron.start(Fixtures.JOB)

        then:
        run.trigger() == CronTrigger.MANUAL
        run.outcome() == CronRunOutcome.STARTED
        active().size() == 1

        when: 'the tasks end and 10:05 comes'
        jobs.killTasks(Fixtures.JOB, [] as Set, 'done')
        clock.advance(Duration.ofMinutes(5))

        then: 'the cron job stays after a killall, and the schedule runs'
        scheduler.tickOnce() == 1
        cron.show(Fixtures.JOB).lastRuns()*.trigger() == [CronTrigger.SCHEDULE, CronTrigger.MANUAL]
    }

    def "descheduling removes the cron job and leaves its running tasks alone"() {
        given:
        cron.schedule(Fixtures.cronJob('*/5 * * * *'))
        cron.start(Fixtures.JOB)

        when:
        int left = cron.deschedule(Fixtures.JOB)
        clock.advance(Duration.ofMinutes(10))

        then:
        left == 1
        active().size() == 1
        scheduler.tickOnce() == 0
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isEmpty()

        when:
        cron.show(Fixtures.JOB)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.JOB_NOT_FOUND
        e.message == 'no cron job www-data/prod/hello is scheduled'
    }

    def "a run the role's quota refuses is recorded as FAILED and starts nothing"() {
        given:
        cron.schedule(Fixtures.cronJob('*/5 * * * *', production: true, tier: 'preferred'))
        clock.advance(Duration.ofMinutes(5))

        when:
        scheduler.tickOnce()

        then:
        active().isEmpty()
        with(cron.show(Fixtures.JOB).lastRuns()[0]) {
            outcome() == CronRunOutcome.FAILED
            message().startsWith('not started: ')
        }
        counter('borealis.cron.launch.failures') == 1
        scheduler.tickOnce() == 0
    }

    def "#what is refused with a clear message and nothing is stored"() {
        when:
        cron.schedule(job)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message == message
        storage.read { it.jobs().fetchAll() }.isEmpty()
        storage.read { it.cron().lastTriggers() }.isEmpty()

        where:
        what                    | job                                                    || message
        'a bad cron expression' | Fixtures.cronJob('61 * * * *')                         || "cronSchedule '61 * * * *' is not a cron schedule (MIN HOUR DOM MON DOW): Value 61 not in range [0, 59]"
        'an unknown time zone'  | Fixtures.cronJob('* * * * *', timezone: 'Mars/Olympus') || "cronTimezone 'Mars/Olympus' is not a time zone id (e.g. UTC, America/New_York): Unknown time-zone ID: Mars/Olympus"
        'RUN_OVERLAP'           | Fixtures.cronJob('* * * * *', policy: RUN_OVERLAP)      || 'cronCollisionPolicy RUN_OVERLAP is deprecated and not accepted: use KILL_EXISTING or CANCEL_NEW'
        'no cron schedule'      | Fixtures.job()                                         || "job www-data/prod/hello has no cron schedule: set cron_schedule, or run it as a job with 'borealis job create'"
    }

    def "#what of a job that is not a cron job says so"() {
        given: 'a plain job'
        jobs.createJob(Fixtures.job())

        when:
        action.call(cron)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.JOB_NOT_FOUND
        e.message == 'no cron job www-data/prod/hello is scheduled'
        active().size() == 1

        where:
        what         | action
        'start'      | { CronJobs c -> c.start(Fixtures.JOB) }
        'deschedule' | { CronJobs c -> c.deschedule(Fixtures.JOB) }
    }

    def "a plain job cannot be turned into a cron job, nor a cron job created as a job"() {
        given:
        jobs.createJob(Fixtures.job())

        when:
        cron.schedule(Fixtures.cronJob('* * * * *'))

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.JOB_EXISTS
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().cronSchedule() == null

        when:
        jobs.createJob(Fixtures.cronJob('* * * * *', job: new JobKey('www-data', 'prod',
                'other')))

        then:
        PlatformException created = thrown()
        created.message == "job www-data/prod/other is a cron job (cronSchedule '* * * * *'): " +
                "schedule it with 'borealis cron schedule'"
    }
}
