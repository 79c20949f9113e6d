package io.borealis.scheduler.maintenance

import static io.borealis.api.model.TaskStatus.*

import com.sun.net.httpserver.HttpServer
import io.borealis.api.model.CoordinatorSlaPolicy
import io.borealis.api.model.CountSlaPolicy
import io.borealis.api.model.JobKey
import io.borealis.api.model.PercentageSlaPolicy
import io.borealis.api.model.SlaPolicy
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskQuery
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.HostMaintenance
import io.borealis.scheduler.storage.HostMode
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Host maintenance on the real state manager and H2 storage, with a hand-moved clock: modes,
 * drains (plain and SLA-aware), their timeout, a restart in the middle of a drain, and refused
 * input that changes nothing.
 */
class MaintenanceManagerSpec extends Specification {
    static final JobKey WEB = new JobKey('www-data', 'prod', 'web')
    static final JobKey BATCH = new JobKey('www-data', 'prod', 'batch')
    static final Duration MINUTE = Duration.ofMinutes(1)

    MutableClock clock = new MutableClock()
    @TempDir
    Path dir
    @AutoCleanup
    H2Storage storage = TestStorage.open(clock)
    RecordingGateway gateway = new RecordingGateway()
    StateManager stateManager = new StateManager(clock, gateway, new PendingSignal(), 'scheduler-1')
    MaintenanceManager manager = new MaintenanceManager(storage, stateManager, clock)
    List<Map> coordinatorCalls = []
    boolean coordinatorAllows = false
    @AutoCleanup
    DrainDriver driver = new DrainDriver(storage, manager, { policy, task, countdown ->
        coordinatorCalls << [url: policy.coordinatorUrl(), task: task.id().value(),
                             countdown: countdown]
        coordinatorAllows
    } as Coordinator, clock, Duration.ofSeconds(1))

    def setup() {
        storage.write { store ->
            ['a1', 'a2', 'a3'].each { store.agents().save(Fixtures.agent(id: it)) }
        }
    }

    /** {@code count} RUNNING instances of {@code config}, instance i on {@code hosts[i]}. */
    List<Task> running(TaskConfig config, List<String> hosts) {
        def created = storage.write { store ->
            stateManager.insertPendingTasks(store, config, (0..<hosts.size()).toList())
        }
        storage.write { store ->
            created.eachWithIndex { task, i ->
                def agent = store.agents().fetch(hosts[i]).get()
                stateManager.assign(store, task.id(), agent, [:])
                stateManager.changeState(store, task.id(), RUNNING, clock.millis(), 'agent')
            }
        }
        created.collect { fetch(it) }
    }

    Task fetch(Task task) {
        storage.read { it.tasks().fetch(task.id()).get() }
    }

    List<Task> active(JobKey job) {
        storage.read { it.tasks().activeOfJob(job) }.sort { it.instanceId() }
    }

    List<Task> ofJob(JobKey job) {
        storage.read { it.tasks().query(new TaskQuery(job.role(), job.environment(), job.name(),
                null, null, null, null, null, null, null)) }
    }

    void report(Task task, TaskStatus status) {
        storage.write { stateManager.changeState(it, task.id(), status, clock.millis(), 'agent') }
    }

    /** The replacement of {@code ended}: placed on {@code host} and RUNNING. */
    Task replaceOn(Task ended, String host) {
        def replacement = ofJob(ended.jobKey()).find { it.ancestorId() == ended.id() }
        assert replacement != null && replacement.status() == PENDING
        storage.write { store ->
            stateManager.assign(store, replacement.id(), store.agents().fetch(host).get(), [:])
            stateManager.changeState(store, replacement.id(), RUNNING, clock.millis(), 'agent')
        }
        fetch(replacement)
    }

    HostMode stored(String host) {
        storage.read { it.maintenance().fetch(host) }.map { it.mode() }.orElse(HostMode.NONE)
    }

    static SlaPolicy count(long count, long durationSecs) {
        new SlaPolicy(new CountSlaPolicy(count, durationSecs), null, null)
    }

    static TaskConfig config(JobKey job, SlaPolicy policy = null) {
        Fixtures.config(job: job, service: true, slaPolicy: policy)
    }

    def "startMaintenance puts hosts in SCHEDULED, registered or not; placement reads the mode"() {
        when:
        def states = manager.startMaintenance(['a1', 'not-an-agent'])

        then:
        states == [new HostState('a1', HostMode.SCHEDULED, true),
                   new HostState('not-an-agent', HostMode.SCHEDULED, false)]
        manager.modeOf('a1') == HostMode.SCHEDULED
        manager.modeOf('a2') == HostMode.NONE
        stored('not-an-agent') == HostMode.SCHEDULED
        manager.status([]) *.host == ['a1', 'not-an-agent']
    }

    def "a host already draining keeps its mode when startMaintenance names it again"() {
        given:
        running(config(WEB), ['a1'])
        manager.drainHosts(['a1'])

        when:
        def states = manager.startMaintenance(['a1'])

        then:
        states*.mode == [HostMode.DRAINING]
    }

    def "refused hosts (#why) change nothing stored"() {
        given:
        manager.startMaintenance(['a3'])
        def before = storage.read { it.maintenance().fetchAll() }

        when:
        call(manager)

        then:
        PlatformException e = thrown()
        e.message.contains(message)
        storage.read { it.maintenance().fetchAll() } == before
        manager.modeOf('a1') == HostMode.NONE

        where:
        why                 | call                                                      || message
        'none'              | { MaintenanceManager m -> m.startMaintenance([]) }        || 'hosts must name at least one host'
        'empty name'        | { MaintenanceManager m -> m.drainHosts(['a1', '']) }      || 'must not contain an empty host name'
        'path'              | { MaintenanceManager m -> m.drainHosts(['../etc']) }      || "host name '../etc' is not a host name"
        'slash'             | { MaintenanceManager m -> m.endMaintenance(['a3/x']) }    || "host name 'a3/x' is not a host name"
        'control character' | { MaintenanceManager m -> m.startMaintenance(['a\n1']) } || "host name 'a?1' is not a host name"
        'too long'          | { MaintenanceManager m -> m.startMaintenance(['h' * 300]) } || 'is longer than 253 characters'
        'too many'          | { MaintenanceManager m -> m.startMaintenance((0..1000).collect { "h$it" as String }) } || 'must name at most 1000 hosts, got 1001'
        'negative timeout'  | { MaintenanceManager m -> m.slaDrainHosts(['a1'], null, -1) } || 'timeoutSecs must be from 0'
        'bad default'       | { MaintenanceManager m -> m.slaDrainHosts(['a1'], new SlaPolicy(null, new PercentageSlaPolicy(150, 60), null), 0) } || 'default slaPolicy.percentage.percentage must be more than 0 and at most 100, got 150.0'
    }

    def "drainHosts drains every task on the host at once; replacements come; the host ends DRAINED"() {
        given:
        def web = running(config(WEB), ['a1', 'a1', 'a2'])

        when:
        def states = manager.drainHosts(['a1'])

        then: 'the two tasks on a1 are DRAINING and killed; the one on a2 runs on'
        states*.mode == [HostMode.DRAINING]
        fetch(web[0]).status() == DRAINING
        fetch(web[1]).status() == DRAINING
        fetch(web[2]).status() == RUNNING
        gateway.killedIds() as Set == [web[0], web[1]]*.id()*.value() as Set
        manager.modeOf('a1') == HostMode.DRAINING

        when: 'the agent confirms the kills and a round runs'
        report(web[0], KILLED)
        report(web[1], KILLED)
        driver.drainOnce()

        then: 'one replacement per drained instance, nothing lost or doubled, and a1 is DRAINED'
        active(WEB)*.instanceId() == [0, 1, 2]
        active(WEB).findAll { it.status() == PENDING }*.ancestorId() as Set ==
                [web[0], web[1]]*.id() as Set
        stored('a1') == HostMode.DRAINED
        manager.modeOf('a1') == HostMode.DRAINED
    }

    def "a host without tasks is DRAINED at once"() {
        expect:
        manager.drainHosts(['a3'])*.mode == [HostMode.DRAINED]
        manager.slaDrainHosts(['a2'], count(1, 0), 0)*.mode == [HostMode.DRAINED]
    }

    def "a task assigned to a draining host by an earlier round is drained on the next round"() {
        given:
        manager.drainHosts(['a1'])
        def late = running(config(WEB), ['a1'])[0]

        when:
        driver.drainOnce()

        then:
        fetch(late).status() == DRAINING
    }

    def "sla_host_drain with a Count policy keeps the minimum up while it drains"() {
        given: 'three instances with Count 2 for 60 s: two on a1, one on a2, up for a minute'
        def web = running(config(WEB, count(2, 60)), ['a1', 'a1', 'a2'])
        clock.advance(MINUTE)

        when:
        manager.slaDrainHosts(['a1'], null, 0)
        driver.drainOnce()

        then: 'one of a1 goes: two others are up; the other waits, since then only one would be'
        fetch(web[0]).status() == DRAINING
        fetch(web[1]).status() == RUNNING
        driver.waitingReason(web[1].id()) ==
                'waiting: 1 other instances up for 60 s; the Count policy needs 2'

        when: 'the first ends and its replacement runs on a3, but not for 60 s yet'
        report(web[0], KILLED)
        def replacement = replaceOn(web[0], 'a3')
        clock.advance(Duration.ofSeconds(59))
        driver.drainOnce()

        then:
        fetch(web[1]).status() == RUNNING

        when: 'the replacement has been up for 60 s'
        clock.advance(Duration.ofSeconds(1))
        driver.drainOnce()

        then:
        fetch(web[1]).status() == DRAINING
        fetch(replacement).status() == RUNNING

        when: 'the last task on a1 ends'
        report(web[1], KILLED)
        driver.drainOnce()

        then: 'a1 is DRAINED; every instance has exactly one active task'
        stored('a1') == HostMode.DRAINED
        active(WEB)*.instanceId() == [0, 1, 2]
    }

    def "a Percentage policy counts the instances up without the task"() {
        given: 'four instances, 75 % up for 30 s: three on a1'
        def policy = new SlaPolicy(null, new PercentageSlaPolicy(75, 30), null)
        def web = running(config(WEB, policy), ['a1', 'a1', 'a1', 'a2'])
        clock.advance(Duration.ofSeconds(30))

        when:
        manager.slaDrainHosts(['a1'], null, 0)
        driver.drainOnce()

        then: 'only one goes: 3 of 4 up without it is 75 %, without two more it would be 50 %'
        web.take(3).count { fetch(it).status() == DRAINING } == 1
        web.take(3).count { fetch(it).status() == RUNNING } == 2
    }

    def "the default policy applies to jobs without one; with no default they drain at once"() {
        given:
        def web = running(config(WEB), ['a1', 'a2'])
        def batch = running(config(BATCH), ['a3'])
        clock.advance(MINUTE)

        when: 'a1 with a default of Count 2: web has only one other instance'
        manager.slaDrainHosts(['a1'], count(2, 0), 0)
        driver.drainOnce()

        then:
        fetch(web[0]).status() == RUNNING

        when: 'a3 without a default'
        manager.slaDrainHosts(['a3'], null, 0)
        driver.drainOnce()

        then:
        fetch(batch[0]).status() == DRAINING
    }

    def "after the timeout the rest drain regardless of their policy"() {
        given: 'a policy that can never be met'
        def web = running(config(WEB, count(5, 0)), ['a1', 'a2'])

        when:
        manager.slaDrainHosts(['a1'], null, 120)
        driver.drainOnce()
        clock.advance(Duration.ofSeconds(119))
        driver.drainOnce()

        then:
        fetch(web[0]).status() == RUNNING

        when:
        clock.advance(Duration.ofSeconds(1))
        driver.drainOnce()

        then:
        fetch(web[0]).status() == DRAINING
    }

    def "a Coordinator policy drains a task once the coordinator says so"() {
        given:
        def policy = new SlaPolicy(null, null, new CoordinatorSlaPolicy('http://coordinator/x', 'drain'))
        def web = running(config(WEB, policy), ['a1'])

        when:
        manager.slaDrainHosts(['a1'], null, 600)
        driver.drainOnce()

        then:
        fetch(web[0]).status() == RUNNING
        coordinatorCalls == [[url: 'http://coordinator/x', task: web[0].id().value(),
                              countdown: 600_000L]]
        driver.waitingReason(web[0].id()) == 'waiting for coordinator http://coordinator/x to allow it'

        when:
        coordinatorAllows = true
        driver.drainOnce()

        then:
        fetch(web[0]).status() == DRAINING
    }

    def "endMaintenance returns hosts to NONE; tasks already draining still end and are replaced"() {
        given:
        def web = running(config(WEB), ['a1'])
        manager.drainHosts(['a1'])

        when:
        def states = manager.endMaintenance(['a1', 'a2'])

        then:
        states*.mode == [HostMode.NONE, HostMode.NONE]
        manager.modeOf('a1') == HostMode.NONE
        storage.read { it.maintenance().fetchAll() }.isEmpty()

        when:
        report(web[0], KILLED)

        then:
        active(WEB).size() == 1
        active(WEB)[0].ancestorId() == web[0].id()
    }

    def "a drain goes on after a restart, its timeout counted from the request"() {
        given: 'file storage; a job whose policy is never met; an SLA drain with a 120 s timeout'
        String url = "jdbc:h2:file:${dir.resolve('db')}"
        def first = H2Storage.open(url, clock)
        def firstStates = new StateManager(clock, gateway, new PendingSignal(), 'scheduler-1')
        first.write { store -> ['a1', 'a2'].each { store.agents().save(Fixtures.agent(id: it)) } }
        def task = first.write { store ->
            def created = firstStates.insertPendingTasks(store, config(WEB, count(5, 0)), [0])[0]
            firstStates.assign(store, created.id(), store.agents().fetch('a1').get(), [:])
            firstStates.changeState(store, created.id(), RUNNING, clock.millis(), 'agent')
            created
        }
        new MaintenanceManager(first, firstStates, clock).slaDrainHosts(['a1'], null, 120)
        clock.advance(Duration.ofSeconds(100))
        first.close()

        when: 'a new scheduler on the same database'
        def second = H2Storage.open(url, clock)
        def states = new StateManager(clock, gateway, new PendingSignal(), 'scheduler-2')
        def restarted = new MaintenanceManager(second, states, clock)
        def newDriver = new DrainDriver(second, restarted, { p, t, c -> false } as Coordinator,
                clock, Duration.ofSeconds(1))

        then: 'placement sees the mode at once; the task waits until 120 s after the request'
        restarted.modeOf('a1') == HostMode.DRAINING
        newDriver.drainOnce() == 0

        when:
        clock.advance(Duration.ofSeconds(20))

        then:
        newDriver.drainOnce() == 1
        second.read { it.tasks().fetch(task.id()).get().status() } == DRAINING

        cleanup:
        newDriver?.close()
        second?.close()
    }

    def "every kind of drain is stored as asked"() {
        given:
        def drains = [HostMaintenance.Drain.immediate(5),
                      new HostMaintenance.Drain(true, null, 0, 6),
                      new HostMaintenance.Drain(true, count(3, 60), 3600, 7),
                      new HostMaintenance.Drain(true, new SlaPolicy(null, new PercentageSlaPolicy(95.5, 1800), null), 1, 8),
                      new HostMaintenance.Drain(true, new SlaPolicy(null, null, new CoordinatorSlaPolicy('http://c:1/p?q=1', 'ok')), 2, 9)]
        def hosts = drains.withIndex().collect { drain, i ->
            new HostMaintenance("h$i", HostMode.DRAINING, 100 + i, drain)
        } + [new HostMaintenance('s', HostMode.SCHEDULED, 1, null),
             new HostMaintenance('d', HostMode.DRAINED, 2, null)]

        when:
        storage.write { store -> hosts.each { store.maintenance().save(it) } }
        storage.write { store -> store.maintenance().save(hosts[0]) } // saved again: replaced

        then:
        storage.read { it.maintenance().fetchAll() } as Set == hosts as Set
    }
}
