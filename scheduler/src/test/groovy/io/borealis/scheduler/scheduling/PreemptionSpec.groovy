package io.borealis.scheduler.scheduling

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskQuery
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.state.PendingReasons
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.ScheduledTasks
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.state.TaskUsageCache
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import io.borealis.scheduler.tier.Tiers
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/**
 * Preemption through the real scheduling loop, state manager and H2 storage (aurora-features
 * §2.8): victims go PREEMPTING with an event naming the preemptor, are replaced when they end,
 * and the preemptor lands on the agent held for it.
 */
class PreemptionSpec extends Specification {
    static final JobKey BATCH = new JobKey('www-data', 'prod', 'batch')
    static final JobKey WEB = new JobKey('www-data', 'prod', 'web')
    static final JobKey OPS = new JobKey('ops', 'prod', 'etl')

    MutableClock clock = new MutableClock()
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    PendingSignal signal = new PendingSignal()
    StateManager stateManager = new StateManager(clock, gateway, signal, 'scheduler-1')
    PendingReasons reasons = new PendingReasons()
    Duration delay = Duration.ZERO

    SchedulingLoop loop(Duration preemptionDelay = delay) {
        new SchedulingLoop(storage, stateManager, gateway, signal,
                new RoundPlanner(Tiers.auroraDefaults(), HostModes.NONE, clock,
                        new RoundPlanner.Settings(1000, preemptionDelay, Duration.ofMinutes(3))),
                reasons, Duration.ofSeconds(1))
    }

    void agents(Map<String, Map> attributesById) {
        storage.write { store ->
            attributesById.each { id, attributes ->
                store.agents().save(Fixtures.agent(id: id, attributes: attributes,
                        resources: new Resources(4d, 4096L, 8192L, 0)))
            }
        }
    }

    List<Task> create(TaskConfig config, int instances) {
        storage.write { stateManager.insertPendingTasks(it, config, (0..<instances).toList()) }
    }

    static TaskConfig config(JobKey job, String tier, double cpu, Map args = [:]) {
        Fixtures.config([job: job, tier: tier, production: tier == 'preferred', service: true,
                         resources: new Resources(cpu, 128L, 256L, 0)] + args)
    }

    Task fetch(Task task) {
        storage.read { it.tasks().fetch(task.id()).get() }
    }

    List<Task> ofJob(JobKey job) {
        storage.read { it.tasks().query(new TaskQuery(job.role(), job.environment(), job.name(),
                null, null, null, null, null, null, null)) }
    }

    void report(Collection<Task> tasks, TaskStatus status) {
        storage.write { store ->
            tasks.each { stateManager.changeState(store, it.id(), status, clock.millis(), 'agent') }
        }
    }

    /** Fills a1 (4 cpus) with four preemptible 1-cpu tasks, RUNNING. */
    List<Task> fillWithBatch(String tier = 'preemptible', JobKey job = BATCH, Map args = [:]) {
        def batch = create(config(job, tier, 1d, args), 4)
        assert loop().runOnce() == 4
        report(batch, RUNNING)
        batch.collect { fetch(it) }
    }

    def "a production task preempts preemptible ones on a full agent, and lands there"() {
        given:
        agents(a1: [:])
        def batch = fillWithBatch()
        def web = create(config(WEB, 'preferred', 2d), 1)[0]
        def scheduling = loop()

        when: 'a round finds no room, then evicts two batch tasks'
        scheduling.runOnce()
        def preempting = ofJob(BATCH).findAll { it.status() == PREEMPTING }

        then:
        preempting.size() == 2
        def events = storage.read { it.tasks().events(preempting*.id()) }
        preempting.every { victim ->
            events[victim.id()].last().message() ==
                    "Preempted by ${web.id().value()} (www-data/prod/web/0)"
        }
        gateway.killedIds() as Set == preempting*.id()*.value() as Set
        fetch(web).status() == PENDING
        reasons.get(web.id()).get() == 'Preempting 2 tasks on a1 to make room'

        when: 'the agent reports the victims killed'
        report(preempting, KILLED)

        then: 'each victim is replaced by a PENDING task that names it as ancestor'
        def replacements = ofJob(BATCH).findAll { it.status() == PENDING }
        replacements*.ancestorId() as Set == preempting*.id() as Set

        when: 'the next round runs'
        scheduling.runOnce()

        then: 'the preemptor lands on the agent held for it; the replacements, tried first, wait'
        fetch(web).status() == ASSIGNED
        fetch(web).agentId() == 'a1'
        replacements.every { fetch(it).status() == PENDING }
        reasons.get(replacements[0].id()).get() ==
                'Host reserved for a task that preempted its tasks'

        when: 'the round after'
        scheduling.runOnce()

        then: 'the agent is full again'
        reasons.get(replacements[0].id()).get() == 'Insufficient: CPU'
    }

    def "while the victims stop, the held agent goes to nobody else"() {
        given:
        agents(a1: [:])
        fillWithBatch()
        def web = create(config(WEB, 'preferred', 2d), 1)[0]
        def scheduling = loop()
        scheduling.runOnce()
        def victims = ofJob(BATCH).findAll { it.status() == PREEMPTING }

        when: 'a small task that scheduling tries first arrives, and the victims end'
        def small = create(config(OPS, 'preemptible', 0.5d, [priority: 10]), 1)[0]
        report(victims, KILLED)
        scheduling.runOnce()

        then: 'the small task was kept off the held agent; the preemptor took it'
        fetch(small).status() == PENDING
        reasons.get(small.id()).get() == 'Host reserved for a task that preempted its tasks'
        fetch(web).agentId() == 'a1'
        fetch(web).status() == ASSIGNED
    }

    def "a task preempts only once it has waited the preemption delay"() {
        given:
        agents(a1: [:])
        fillWithBatch()
        def web = create(config(WEB, 'preferred', 2d), 1)[0]
        def scheduling = loop(Duration.ofSeconds(15))

        when:
        clock.advance(Duration.ofSeconds(14))
        scheduling.runOnce()

        then:
        ofJob(BATCH).every { it.status() == RUNNING }
        reasons.get(web.id()).get() == 'Insufficient: CPU'

        when:
        clock.advance(Duration.ofSeconds(1))
        scheduling.runOnce()

        then:
        ofJob(BATCH).count { it.status() == PREEMPTING } == 2
    }

    def "who may preempt whom: #why"() {
        given:
        agents(a1: [:])
        fillWithBatch(victimTier, victimJob, [priority: victimPriority])
        def candidate = create(config(candidateJob, candidateTier, 1d,
                [priority: candidatePriority]), 1)[0]

        when:
        loop().runOnce()

        then:
        ofJob(victimJob).count { it.status() == PREEMPTING } == (preempts ? 1 : 0)
        fetch(candidate).status() == PENDING

        where:
        why                                              | candidateTier | candidateJob | candidatePriority | victimTier    | victimJob | victimPriority || preempts
        'production over preemptible'                    | 'preferred'   | WEB          | 0                 | 'preemptible' | BATCH     | 0              || true
        'production over revocable'                      | 'preferred'   | WEB          | 0                 | 'revocable'   | BATCH     | 0              || true
        'production over another role\'s preemptible'    | 'preferred'   | OPS          | 0                 | 'preemptible' | BATCH     | 0              || true
        'not production over production'                 | 'preferred'   | WEB          | 0                 | 'preferred'   | BATCH     | 0              || false
        'same role, higher priority, both production'    | 'preferred'   | WEB          | 5                 | 'preferred'   | BATCH     | 1              || true
        'same role, higher priority, both preemptible'   | 'preemptible' | WEB          | 5                 | 'preemptible' | BATCH     | 1              || true
        'another role, higher priority'                  | 'preemptible' | OPS          | 5                 | 'preemptible' | BATCH     | 1              || false
        'same role, equal priority'                      | 'preemptible' | WEB          | 1                 | 'preemptible' | BATCH     | 1              || false
        'preemptible over production, higher priority'   | 'preemptible' | WEB          | 9                 | 'preferred'   | BATCH     | 0              || false
    }

    def "the preemptor's constraints choose the agent whose tasks are preempted"() {
        given: 'two full agents; the production task may only run on rack r2'
        agents(a1: [rack: 'r1'], a2: [rack: 'r2'])
        def batch = create(config(BATCH, 'preemptible', 1d), 8)
        loop().runOnce()
        report(batch, RUNNING)
        def web = create(config(WEB, 'preferred', 1d, [constraints: [rack: 'r2']]), 1)[0]

        when:
        def scheduling = loop()
        scheduling.runOnce()
        def victims = ofJob(BATCH).findAll { it.status() == PREEMPTING }

        then:
        victims.size() == 1
        victims[0].agentId() == 'a2'

        when:
        report(victims, KILLED)
        scheduling.runOnce()

        then:
        fetch(web).agentId() == 'a2'
    }

    def "a dedicated preemptor preempts only on its dedicated hosts"() {
        given: 'a shared agent and a dedicated one, both full of the dedicated role\'s batch'
        agents(a1: [:], a2: [dedicated: 'www-data/db'])
        fillWithBatch()
        def dedicatedBatch = create(config(BATCH, 'preemptible', 1d,
                [constraints: [dedicated: 'www-data/db'], job: new JobKey('www-data', 'prod', 'dbatch')]), 4)
        loop().runOnce()
        report(dedicatedBatch, RUNNING)
        def web = create(config(WEB, 'preferred', 1d, [constraints: [dedicated: 'www-data/db']]), 1)[0]

        when:
        loop().runOnce()

        then:
        ofJob(BATCH).every { it.status() == RUNNING }
        ofJob(new JobKey('www-data', 'prod', 'dbatch')).count { it.status() == PREEMPTING } == 1
    }

    def "nothing to preempt: the production task keeps waiting with its reason"() {
        given:
        agents(a1: [:])
        fillWithBatch('preferred')
        def web = create(config(WEB, 'preferred', 1d), 1)[0]

        when:
        loop().runOnce()

        then:
        ofJob(BATCH).every { it.status() == RUNNING }
        reasons.get(web.id()).get() == 'Insufficient: CPU'
        ScheduledTasks.query(storage, new TaskQuery(WEB.role(), WEB.environment(), WEB.name(),
                null, null, null, null, null, null, null), new TaskUsageCache(), reasons)
                *.pendingReason() == ['Insufficient: CPU']
    }
}
