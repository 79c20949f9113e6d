package io.borealis.scheduler.update

import static io.borealis.api.model.JobUpdateStatus.*
import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.CronCollisionPolicy
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobUpdateStatus
import io.borealis.api.model.Resources
import io.borealis.api.model.RestartSettings
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskQuery
import io.borealis.api.model.UpdateSettings
import io.borealis.api.model.UpdateStrategyKind
import io.borealis.scheduler.error.ErrorCode
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.quota.QuotaCheck
import io.borealis.scheduler.quota.QuotaManager
import io.borealis.scheduler.state.JobManager
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.JobUpdate
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.UpdateInstance
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.QuotaFixtures
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.testing.TestStorage
import io.borealis.scheduler.tier.Tiers
import io.borealis.scheduler.validation.JobValidator
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The update engine on real H2 and a hand-moved clock. The "agent" is the spec itself: it moves
 * PENDING tasks to RUNNING and KILLING ones to KILLED between the controller's rounds.
 */
class UpdateControllerSpec extends Specification {
    static final String V1 = 'echo v1'
    static final String V2 = 'echo v2'

    @TempDir
    Path dir
    MutableClock clock = new MutableClock()
    H2Storage storage = TestStorage.open(clock)
    StateManager stateManager
    QuotaManager quotas
    JobManager jobs
    UpdateManager updates
    UpdateController controller

    def setup() {
        wire()
    }

    def cleanup() {
        controller?.close()
        storage?.close()
    }

    private void wire() {
        stateManager = new StateManager(clock, new RecordingGateway(), new PendingSignal(), 's1')
        quotas = new QuotaManager(storage, new QuotaCheck(Tiers.auroraDefaults()))
        jobs = new JobManager(storage, stateManager, new JobValidator('devcluster'), quotas)
        controller = new UpdateController(storage, stateManager, clock, Duration.ofSeconds(1))
        updates = new UpdateManager(storage, new JobValidator('devcluster'), quotas, clock, {})
    }

    static TaskConfig config(String cmdline, Map args = [:]) {
        args.production ? QuotaFixtures.config(args + [processes: [Fixtures.process('hello', cmdline)]])
                : Fixtures.config(processes: [Fixtures.process('hello', cmdline)], slaPolicy: args.sla)
    }

    static JobConfiguration job(String cmdline, int instances, Map settings = [:]) {
        TaskConfig task = config(cmdline, settings)
        new JobConfiguration(task.job(), 'www-data', instances, task, null,
                CronCollisionPolicy.KILL_EXISTING, new UpdateSettings(
                settings.containsKey('batch') ? settings.batch : 1, settings.containsKey('watch') ? settings.watch : 10,
                settings.perInstance ?: 0, settings.total ?: 0, settings.rollback ?: false, false,
                settings.pulse as Integer, settings.slaAware ?: false, settings.strategy ?: UpdateStrategyKind.QUEUE,
                settings.sizes ?: [], settings.autopause ?: false), null)
    }

    /** Creates the job with {@code instances} of V1, all RUNNING. */
    void running(int instances, Map args = [:]) {
        jobs.createJob(job(V1, instances, args))
        agent()
    }

    /** What agents would do: PENDING tasks start RUNNING, KILLING ones end KILLED. */
    void agent() {
        storage.write { store ->
            store.tasks().activeOfJob(Fixtures.JOB).each { Task task ->
                if (task.status() == PENDING) {
                    stateManager.assign(store, task.id(), Fixtures.agent(), [:])
                    stateManager.changeState(store, [task.id()], RUNNING, 'running')
                } else if (task.status() == KILLING) {
                    stateManager.changeState(store, task.id(), KILLED, clock.millis(), 'killed')
                }
            }
            null
        }
    }

    JobUpdate update(String id) {
        storage.read { it.updates().fetch(id).get() }
    }

    List<UpdateInstance> instances(String id) {
        storage.read { it.updates().instances(id) }
    }

    /** One round: the controller, then the agent, then time passes. */
    void round(Duration passing = Duration.ofSeconds(5)) {
        controller.runOnce()
        agent()
        clock.advance(passing)
    }

    /** Rounds until the update ends (at most {@code max}). */
    JobUpdateStatus drive(String id, int max = 60) {
        for (int i = 0; i < max && update(id).status().isActive(); i++) {
            round()
        }
        update(id).status()
    }

    Map<Integer, String> activeCommands() {
        storage.read { it.tasks().activeOfJob(Fixtures.JOB) }
                .collectEntries { [(it.instanceId()): it.config().task().processes()[0].cmdline()] }
    }

    /** Every task ever created with {@code cmdline}, counted per instance. */
    Map<Integer, Integer> tasksCreatedWith(String cmdline) {
        storage.read { it.tasks().query(new TaskQuery('www-data', 'prod', 'hello', [] as Set,
                [] as Set, [] as Set, [] as Set, [] as Set, null, null)) }
                .findAll { it.config().task().processes()[0].cmdline() == cmdline }
                .countBy { it.instanceId() }
    }

    def "a changed configuration rolls out two instances at a time and the job keeps the new one"() {
        given:
        running(5)

        when:
        String id = updates.start(job(V2, 5, [batch: 2]), 'alice', 'v2 please')
        controller.runOnce()

        then: 'the first batch is being killed, the rest untouched'
        instances(id)*.state() == [UpdateInstance.State.KILLING] * 2 + [UpdateInstance.State.PENDING] * 3

        when:
        JobUpdateStatus end = drive(id)

        then:
        end == ROLLED_FORWARD
        activeCommands() == [0: V2, 1: V2, 2: V2, 3: V2, 4: V2]
        tasksCreatedWith(V2) == [0: 1, 1: 1, 2: 1, 3: 1, 4: 1]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().taskConfig().task().processes()[0].cmdline() == V2
        storage.read { it.updates().active(Fixtures.JOB) }.isEmpty()
        storage.read { it.updates().events(id) }.last().status() == 'ROLLED_FORWARD'
    }

    def "never more than batch_size instances are in flight (QUEUE)"() {
        given:
        running(4)
        String id = updates.start(job(V2, 4, [batch: 2]), 'alice', '')
        int most = 0

        when:
        while (update(id).status().isActive()) {
            round()
            most = Math.max(most, instances(id).count { it.state().inFlight() } as int)
        }

        then:
        most == 2
        update(id).status() == ROLLED_FORWARD
    }

    def "an instance succeeds only after RUNNING for watch_secs"() {
        given:
        running(1)
        String id = updates.start(job(V2, 1, [watch: 30]), 'alice', '')

        when: 'killed, replaced and RUNNING'
        controller.runOnce(); agent()
        controller.runOnce(); agent()
        clock.advance(Duration.ofSeconds(29))
        controller.runOnce()

        then:
        instances(id)[0].state() == UpdateInstance.State.WATCHING
        update(id).status() == ROLLING_FORWARD

        when:
        clock.advance(Duration.ofSeconds(1))
        controller.runOnce()

        then:
        instances(id)[0].state() == UpdateInstance.State.SUCCEEDED
        update(id).status() == ROLLED_FORWARD
        storage.read { it.jobs().fetch(Fixtures.JOB) }.isPresent()
    }

    def "an add-only update starts the new instances and leaves the others alone"() {
        given:
        running(2)

        when:
        String id = updates.start(job(V1, 4), 'alice', '')

        then:
        instances(id)*.instanceId() == [2, 3]
        drive(id) == ROLLED_FORWARD
        activeCommands() == [0: V1, 1: V1, 2: V1, 3: V1]
        tasksCreatedWith(V1) == [0: 1, 1: 1, 2: 1, 3: 1]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().instanceCount() == 4
    }

    def "a remove-only update kills the instances past the new count"() {
        given:
        running(4)

        when:
        String id = updates.start(job(V1, 1), 'alice', '')

        then:
        drive(id) == ROLLED_FORWARD
        activeCommands() == [0: V1]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().instanceCount() == 1
    }

    def "an update that changes nothing is refused and nothing is stored"() {
        given:
        running(2)

        when:
        updates.start(job(V1, 2), 'alice', '')

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message == 'the update of job www-data/prod/hello changes nothing: its 2 instances ' +
                'already run this configuration'
        storage.read { it.updates().query(Fixtures.JOB, null, []) }.isEmpty()
    }

    def "bad requests are refused naming the problem"() {
        given:
        running(1)

        when:
        updates.start(request, 'alice', '')

        then:
        PlatformException e = thrown()
        e.code() == code
        e.message == message
        storage.read { it.updates().query(Fixtures.JOB, null, []) }.isEmpty()

        where:
        request                              || code                      | message
        job(V2, 1, [batch: -1])              || ErrorCode.INVALID_REQUEST | 'updateSettings.batchSize must be positive, got -1'
        job(V2, 1, [batch: 0])               || ErrorCode.INVALID_REQUEST | 'updateSettings.batchSize must be positive, got 0'
        cron(job(V2, 1))                     || ErrorCode.INVALID_REQUEST | "job www-data/prod/hello is a cron job: cron jobs are not updated with 'update start'"
        job(V2, 1, [strategy: UpdateStrategyKind.VARIABLE_BATCH]) || ErrorCode.INVALID_REQUEST | 'updateSettings.batchSizes must not be empty for the VARIABLE_BATCH strategy'
        Fixtures.job(job: new io.borealis.api.model.JobKey('www-data', 'prod', 'nope')) || ErrorCode.JOB_NOT_FOUND | "job www-data/prod/nope does not exist: create it with 'borealis job create'"
    }

    static JobConfiguration cron(JobConfiguration job) {
        new JobConfiguration(job.key(), job.owner(), job.instanceCount(), job.taskConfig(),
                '0 9 * * *', CronCollisionPolicy.KILL_EXISTING, job.updateSettings(), null)
    }

    def "#command with no active update is refused naming the job, and nothing is stored"() {
        given:
        running(1)

        when:
        action(updates)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message == "cannot ${command}: job www-data/prod/hello has no active update"
        storage.read { it.updates().query(Fixtures.JOB, null, []) }.isEmpty()

        where:
        command    | action
        'pause'    | { UpdateManager u -> u.pause(Fixtures.JOB, 'alice', '') }
        'resume'   | { UpdateManager u -> u.resume(Fixtures.JOB, 'alice', '') }
        'abort'    | { UpdateManager u -> u.abort(Fixtures.JOB, 'alice', '') }
        'rollback' | { UpdateManager u -> u.rollback(Fixtures.JOB, 'alice', '') }
        'pulse'    | { UpdateManager u -> u.pulse(Fixtures.JOB, 'alice', '') }
    }

    def "a second update while one is active is refused naming the first"() {
        given:
        running(2)
        String id = updates.start(job(V2, 2), 'alice', '')

        when:
        updates.start(job('echo v3', 2), 'bob', '')

        then:
        PlatformException e = thrown()
        e.message == "job www-data/prod/hello already has an active update $id (ROLLING_FORWARD); " +
                "end it first with 'borealis update abort www-data/prod/hello'"
        storage.read { it.updates().query(Fixtures.JOB, null, []) }.size() == 1
    }

    def "an update beyond the role's quota is refused and changes nothing"() {
        given:
        quotas.setQuota('www-data', new Resources(3.0d, 1024L, 2048L, 0))
        running(2, [production: true])

        when: 'two changed instances replace two (fits), a third added does not'
        updates.start(job(V2, 4, [production: true]), 'alice', '')

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INSUFFICIENT_QUOTA
        storage.read { it.updates().query(Fixtures.JOB, null, []) }.isEmpty()
        activeCommands() == [0: V1, 1: V1]

        when: 'a change of the same size fits: the old instances are not counted twice'
        String id = updates.start(job(V2, 2, [production: true]), 'alice', '')

        then:
        drive(id) == ROLLED_FORWARD
    }

    def "a failing instance rolls the update back, instance by instance, to the old configuration"() {
        given:
        running(3)
        String id = updates.start(job(V2, 3, [rollback: true]), 'alice', '')

        when: 'instance 0 gets its new task, which fails'
        controller.runOnce(); agent()
        controller.runOnce(); agent()
        Task v2 = storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.find { it.instanceId() == 0 }
        storage.write { stateManager.changeState(it, v2.id(), io.borealis.api.model.TaskStatus.FAILED, clock.millis(), 'exit 1') }
        controller.runOnce()

        then:
        update(id).status() == ROLLING_BACK
        update(id).statusMessage().contains("instance 0 failed: task ${v2.id()} ended FAILED (exit 1)")

        when:
        JobUpdateStatus end = drive(id)

        then:
        end == ROLLED_BACK
        activeCommands() == [0: V1, 1: V1, 2: V1]
        tasksCreatedWith(V2) == [0: 1]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().taskConfig().task().processes()[0].cmdline() == V1
    }

    def "a failing instance without rollback_on_failure fails the update where it is"() {
        given:
        running(2)
        String id = updates.start(job(V2, 2, [rollback: false]), 'alice', '')

        when:
        controller.runOnce(); agent()
        controller.runOnce(); agent()
        Task v2 = storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.find { it.instanceId() == 0 }
        storage.write { stateManager.changeState(it, v2.id(), io.borealis.api.model.TaskStatus.FAILED, clock.millis(), 'exit 1') }
        controller.runOnce()

        then:
        update(id).status() == FAILED
        update(id).statusMessage() == '1 instance(s) failed, more than max_total_failures 0; ' +
                "last: instance 0 failed: task ${v2.id()} ended FAILED (exit 1)"
        storage.read { it.updates().active(Fixtures.JOB) }.isEmpty()
        activeCommands()[1] == V1
    }

    def "failures within max_per_shard_failures are retried"() {
        given:
        running(1)
        String id = updates.start(job(V2, 1, [perInstance: 1]), 'alice', '')

        when:
        controller.runOnce(); agent()
        controller.runOnce(); agent()
        Task v2 = storage.read { it.tasks().activeOfJob(Fixtures.JOB) }[0]
        storage.write { stateManager.changeState(it, v2.id(), io.borealis.api.model.TaskStatus.FAILED, clock.millis(), 'exit 1') }

        then:
        drive(id) == ROLLED_FORWARD
        instances(id)[0].failures() == 1
        tasksCreatedWith(V2)[0] == 2
    }

    def "pause holds the update, resume carries on, abort ends it where it is"() {
        given:
        running(3)
        String id = updates.start(job(V2, 3), 'alice', '')
        drive(id, 3)

        when:
        updates.pause(Fixtures.JOB, 'alice', 'lunch')
        Map<String, Object> before = [instances: instances(id), commands: activeCommands()]
        5.times { round() }

        then:
        update(id).status() == ROLL_FORWARD_PAUSED
        instances(id) == before.instances
        activeCommands() == before.commands

        when:
        updates.resume(Fixtures.JOB, 'alice', '')
        round()

        then:
        instances(id) != before.instances

        when:
        updates.abort(Fixtures.JOB, 'alice', 'enough')
        Map<Integer, String> atAbort = activeCommands()
        5.times { round() }

        then:
        update(id).status() == ABORTED
        update(id).statusMessage() == 'abort by alice: enough'
        storage.read { it.updates().active(Fixtures.JOB) }.isEmpty()
        activeCommands() == atAbort

        when:
        updates.pause(Fixtures.JOB, 'alice', '')

        then:
        PlatformException e = thrown()
        e.message == 'cannot pause: job www-data/prod/hello has no active update'
    }

    def "kill and add are refused while an update is active, naming it"() {
        given:
        running(2)
        String id = updates.start(job(V2, 2), 'alice', '')

        when:
        jobs.killTasks(Fixtures.JOB, [] as Set, '')

        then:
        PlatformException e = thrown()
        e.message == "cannot kill every instance of job www-data/prod/hello while update $id is " +
                "ROLLING_FORWARD: end it first with 'borealis update abort www-data/prod/hello' " +
                "(or wait for it)"
        activeCommands().size() == 2

        when:
        jobs.addInstances(Fixtures.JOB, 0, 1)

        then:
        thrown(PlatformException)
        activeCommands().size() == 2
    }

    def "VARIABLE_BATCH moves 1, then 2, then 3 instances"() {
        given:
        running(6)
        String id = updates.start(job(V2, 6, [strategy: UpdateStrategyKind.VARIABLE_BATCH,
                sizes: [1, 2, 3]]), 'alice', '')

        when:
        drive(id)

        then:
        update(id).status() == ROLLED_FORWARD
        instances(id)*.batch() == [1, 2, 2, 3, 3, 3]
    }

    def "autopause_after_batch pauses after each batch"() {
        given:
        running(2)
        String id = updates.start(job(V2, 2, [strategy: UpdateStrategyKind.BATCH, autopause: true]), 'alice', '')

        when:
        drive(id)

        then:
        update(id).status() == ROLL_FORWARD_PAUSED
        instances(id)*.state() == [UpdateInstance.State.SUCCEEDED, UpdateInstance.State.PENDING]

        when:
        updates.resume(Fixtures.JOB, 'alice', '')

        then:
        drive(id) == ROLLED_FORWARD
    }

    def "an update with pulse_interval_secs waits for pulses"() {
        given:
        running(1)
        String id = updates.start(job(V2, 1, [pulse: 60]), 'alice', '')

        when:
        round()

        then:
        update(id).status() == ROLL_FORWARD_AWAITING_PULSE
        activeCommands() == [0: V1]

        when:
        updates.pulse(Fixtures.JOB, 'alice', '')

        then:
        drive(id) == ROLLED_FORWARD
    }

    def "a scheduler restarted in the middle of an update finishes it, each instance updated once"() {
        given: 'a file-backed database'
        storage.close()
        String url = "jdbc:h2:file:${dir.resolve('db')}"
        storage = H2Storage.open(url, clock)
        wire()
        running(4)
        String id = updates.start(job(V2, 4, [batch: 2]), 'alice', '')

        when: 'the scheduler stops after a few rounds, mid-update, and starts again'
        4.times { round() }
        List<UpdateInstance> atStop = instances(id)
        controller.close()
        storage.close()
        storage = H2Storage.open(url, clock)
        wire()

        then:
        atStop.any { it.state().isDone() } && atStop.any { !it.state().isDone() }
        instances(id) == atStop

        when:
        JobUpdateStatus end = drive(id)

        then:
        end == ROLLED_FORWARD
        activeCommands() == [0: V2, 1: V2, 2: V2, 3: V2]
        tasksCreatedWith(V2) == [0: 1, 1: 1, 2: 1, 3: 1]
    }

    def "the running controller takes each step as soon as the tasks it waits for change, not at its tick"() {
        given: 'a controller whose tick is an hour, woken by commands and by tasks RUNNING or ended'
        PendingSignal settled = new PendingSignal()
        stateManager = new StateManager(clock, new RecordingGateway(), new PendingSignal(), 's1',
                new io.borealis.scheduler.state.Flapping(io.borealis.scheduler.state.Flapping.Settings.DEFAULTS),
                settled)
        jobs = new JobManager(storage, stateManager, new JobValidator('devcluster'), quotas)
        controller.close()
        controller = new UpdateController(storage, stateManager, clock, Duration.ofHours(1), settled)
        updates = new UpdateManager(storage, new JobValidator('devcluster'), quotas, clock,
                controller::wake)
        running(2)
        controller.start()
        def conditions = new spock.util.concurrent.PollingConditions(timeout: 10)

        when: 'the update starts: the command wakes the controller, which kills instance 0'
        String id = updates.start(job(V2, 2, [watch: 0]), 'alice', '')

        then:
        conditions.eventually {
            assert instances(id)*.state() == [UpdateInstance.State.KILLING, UpdateInstance.State.PENDING]
        }

        when: 'the agent reports the kill, then the new task RUNNING: each wakes the controller'
        agent()
        conditions.eventually {
            assert instances(id)[0].state() == UpdateInstance.State.WATCHING
        }
        agent()

        then: 'instance 0 succeeds, instance 1 goes the same way, and the update ends'
        conditions.eventually {
            agent()
            assert update(id).status() == ROLLED_FORWARD
        }
        tasksCreatedWith(V2) == [0: 1, 1: 1]
    }

    def "an update the controller cannot carry on ends in ERROR after three failed rounds, saying why"() {
        given: 'an update whose instance names a configuration that is not stored'
        running(1)
        String id = 'broken-update'
        storage.write { store ->
            store.updates().insert(new JobUpdate(id, Fixtures.JOB, 'alice', '', ROLLING_FORWARD,
                    'started', job(V2, 1).updateSettings(), 1, 1, clock.millis(), clock.millis(),
                    clock.millis()), [config(V2)],
                    [new UpdateInstance(0, 1, 5, UpdateInstance.State.PENDING, null, 0, 0, clock.millis())])
            null
        }

        when:
        2.times { controller.runOnce() }

        then: 'still active after two'
        update(id).status() == ROLLING_FORWARD

        when:
        controller.runOnce()

        then:
        update(id).status() == JobUpdateStatus.ERROR
        update(id).statusMessage().startsWith('the update controller cannot carry this update on: ' +
                'java.lang.IndexOutOfBoundsException')
        storage.read { it.updates().events(id) }.last().status() == 'ERROR'

        and: 'the job is free for other commands again, its task untouched'
        storage.read { it.updates().active(Fixtures.JOB) }.isEmpty()
        activeCommands() == [0: V1]
    }

    def "an sla_aware update kills an instance only while the job's Count policy holds without it"() {
        given: 'two instances up for two minutes; the policy wants one other up for 60 s'
        def sla = new io.borealis.api.model.SlaPolicy(new io.borealis.api.model.CountSlaPolicy(1, 60), null, null)
        running(2, [sla: sla])
        clock.advance(Duration.ofSeconds(120))
        String id = updates.start(job(V2, 2, [batch: 2, watch: 0, sla: sla, slaAware: true]), 'alice', '')

        when: 'a batch of two, but killing both would leave none up'
        controller.runOnce()

        then:
        instances(id)*.state() == [UpdateInstance.State.KILLING, UpdateInstance.State.PENDING]

        when: 'instance 0 is replaced and its new task has been RUNNING less than 60 s'
        agent(); controller.runOnce(); agent()
        clock.advance(Duration.ofSeconds(30))
        controller.runOnce()

        then: 'instance 1 still waits'
        instances(id)*.state() == [UpdateInstance.State.SUCCEEDED, UpdateInstance.State.PENDING]

        when: 'the new task has been up 60 s'
        clock.advance(Duration.ofSeconds(30))
        controller.runOnce()

        then:
        instances(id)[1].state() == UpdateInstance.State.KILLING
        drive(id) == ROLLED_FORWARD
        tasksCreatedWith(V2) == [0: 1, 1: 1]
    }

    def "an sla_aware update kills a task with a Coordinator policy only once its coordinator allows it, asking between rounds"() {
        given: 'a coordinator that allows instance 0 at once and instance 1 only later'
        def sla = new io.borealis.api.model.SlaPolicy(null, null,
                new io.borealis.api.model.CoordinatorSlaPolicy('http://coordinator.example/ask', 'drain'))
        boolean secondAllowed = false
        List<Integer> asked = []
        controller.close()
        controller = new UpdateController(storage, stateManager, clock, Duration.ofSeconds(1),
                new PendingSignal(), { policy, task, countdown ->
                    assert policy.coordinatorUrl() == 'http://coordinator.example/ask'
                    asked << task.instanceId()
                    task.instanceId() == 0 || secondAllowed
                } as io.borealis.scheduler.maintenance.Coordinator)
        running(2, [sla: sla])
        String id = updates.start(job(V2, 2, [batch: 2, watch: 0, sla: sla, slaAware: true]), 'alice', '')

        when: 'the first round wants both; the coordinator is asked after it'
        controller.runOnce()

        then: 'nothing is killed before an answer'
        instances(id)*.state() == [UpdateInstance.State.PENDING] * 2
        asked == [0, 1]

        when: 'the next round uses the answers'
        controller.runOnce()

        then: 'instance 0 is killed, instance 1 waits and is not asked again within the retry time'
        instances(id)*.state() == [UpdateInstance.State.KILLING, UpdateInstance.State.PENDING]
        asked == [0, 1]

        when: 'the coordinator allows it later'
        secondAllowed = true
        clock.advance(UpdateController.COORDINATOR_RETRY)
        controller.runOnce()
        controller.runOnce()

        then:
        asked == [0, 1, 1]
        instances(id)[1].state() == UpdateInstance.State.KILLING
        drive(id) == ROLLED_FORWARD
        tasksCreatedWith(V2) == [0: 1, 1: 1]
    }

    def "without sla_aware the same policy does not hold the batch back"() {
        given:
        def sla = new io.borealis.api.model.SlaPolicy(new io.borealis.api.model.CountSlaPolicy(1, 60), null, null)
        running(2, [sla: sla])
        clock.advance(Duration.ofSeconds(120))
        String id = updates.start(job(V2, 2, [batch: 2, watch: 0, sla: sla]), 'alice', '')

        when:
        controller.runOnce()

        then:
        instances(id)*.state() == [UpdateInstance.State.KILLING] * 2
    }

    def "a restart replaces every instance once, in batches, and leaves the job's configuration as it was"() {
        given:
        running(4)

        when:
        String id = updates.restart(Fixtures.JOB, [] as Set, new RestartSettings(2, 0, null, null,
                null), 'alice', 'new certificates')
        controller.runOnce()

        then: 'the first batch of two is being killed'
        instances(id)*.state() == [UpdateInstance.State.KILLING] * 2 + [UpdateInstance.State.PENDING] * 2
        update(id).statusMessage() == 'restart of 4 instance(s) started by alice'

        when:
        JobUpdateStatus end = drive(id)

        then:
        end == ROLLED_FORWARD
        update(id).statusMessage() == 'every instance was restarted'
        activeCommands() == [0: V1, 1: V1, 2: V1, 3: V1]
        tasksCreatedWith(V1) == [0: 2, 1: 2, 2: 2, 3: 2]
        instances(id)*.batch() == [1, 1, 2, 2]
        storage.read { it.jobs().fetch(Fixtures.JOB) }.get().updateSettings() == job(V1, 4).updateSettings()
    }

    def "a restart of some instances leaves the others alone"() {
        given:
        running(3)

        when:
        String id = updates.restart(Fixtures.JOB, [0, 2] as Set, new RestartSettings(null, 0,
                null, null, null), 'alice', '')

        then:
        drive(id) == ROLLED_FORWARD
        tasksCreatedWith(V1) == [0: 2, 1: 1, 2: 2]
    }

    def "a restart whose instance keeps failing ends ROLLED_BACK without restarting the others"() {
        given:
        running(3)
        String id = updates.restart(Fixtures.JOB, [] as Set, new RestartSettings(1, 10, 0, 0, true),
                'alice', '')

        when: 'instance 0 is killed, its new task starts RUNNING, and fails within watch_secs'
        controller.runOnce(); agent()
        controller.runOnce(); agent()
        Task restarted = storage.read { it.tasks().activeOfJob(Fixtures.JOB) }.find { it.instanceId() == 0 }
        storage.write { stateManager.changeState(it, restarted.id(), io.borealis.api.model.TaskStatus.FAILED, clock.millis(), 'exit 1') }
        JobUpdateStatus end = drive(id)

        then:
        end == ROLLED_BACK
        update(id).statusMessage() == 'every instance is back on its previous configuration'
        tasksCreatedWith(V1) == [0: 3, 1: 1, 2: 1]
        activeCommands() == [0: V1, 1: V1, 2: V1]
    }

    def "bad restarts are refused naming the problem, and nothing is stored"() {
        given:
        running(2)

        when:
        updates.restart(key, selected as Set, settings, 'alice', '')

        then:
        PlatformException e = thrown()
        e.code() == code
        e.message == message
        storage.read { it.updates().query(Fixtures.JOB, null, []) }.isEmpty()
        tasksCreatedWith(V1) == [0: 1, 1: 1]

        where:
        key          | selected | settings                                   || code                      | message
        Fixtures.JOB | []       | new RestartSettings(0, null, null, null, null)  || ErrorCode.INVALID_REQUEST | 'updateSettings.batchSize must be positive, got 0'
        Fixtures.JOB | []       | new RestartSettings(1, -1, null, null, null)    || ErrorCode.INVALID_REQUEST | 'updateSettings.watchSecs must not be negative, got -1'
        Fixtures.JOB | []       | new RestartSettings(1, 0, null, 2, null)        || ErrorCode.INVALID_REQUEST | 'updateSettings.maxTotalFailures must be less than instanceCount (2), got 2'
        Fixtures.JOB | [1, 5]   | new RestartSettings(null, null, null, null, null) || ErrorCode.INVALID_REQUEST | 'job www-data/prod/hello has no active instance [5] (active: [0, 1]); nothing was restarted'
        new io.borealis.api.model.JobKey('www-data', 'prod', 'nope') | [] | new RestartSettings(null, null, null, null, null) || ErrorCode.JOB_NOT_FOUND | 'job www-data/prod/nope does not exist'
    }

    def "a restart while an update is active is refused naming it"() {
        given:
        running(2)
        String id = updates.start(job(V2, 2), 'alice', '')

        when:
        updates.restart(Fixtures.JOB, [] as Set, new RestartSettings(null, null, null, null, null),
                'bob', '')

        then:
        PlatformException e = thrown()
        e.message == "job www-data/prod/hello has an active update $id (ROLLING_FORWARD); " +
                "end it first with 'borealis update abort www-data/prod/hello'"
        storage.read { it.updates().query(Fixtures.JOB, null, []) }*.id() == [id]
    }

    /**
     * How fast the controller rolls a 1,000-instance job, batch 100, watch_secs 0, with the
     * spec's instant "agent": prints the controller's own time (its rounds, not the agent's
     * moves) as instances per minute; asserts only that each instance was updated once. Run with
     * {@code -Dupdate.bench=true -Dtest='UpdateControllerSpec#a 1,000*'}.
     */
    @Requires({ System.getProperty('update.bench') })
    def "a 1,000-instance update, batch 100, watch_secs 0 (benchmark)"() {
        given:
        running(1000)
        String id = updates.start(job(V2, 1000, [batch: 100, watch: 0]), 'bench', '')
        long controllerNanos = 0
        int rounds = 0

        when:
        while (update(id).status().isActive()) {
            long start = System.nanoTime()
            controller.runOnce()
            controllerNanos += System.nanoTime() - start
            agent()
            clock.advance(Duration.ofSeconds(1))
            rounds++
        }
        println String.format('UpdateBench: 1000 instances, batch 100, watch 0: %d rounds, '
                + 'controller %.2f s, %.0f instances/minute', rounds, controllerNanos / 1e9d,
                1000 / (controllerNanos / 60e9d))

        then:
        update(id).status() == ROLLED_FORWARD
        tasksCreatedWith(V2).size() == 1000
        tasksCreatedWith(V2).values().toSet() == [1] as Set
    }
}
