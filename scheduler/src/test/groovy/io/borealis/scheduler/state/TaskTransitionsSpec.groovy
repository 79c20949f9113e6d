package io.borealis.scheduler.state

import io.borealis.scheduler.storage.Task
import static io.borealis.api.model.TaskStatus.*
import static io.borealis.scheduler.state.TransitionResult.Effect.*
import static io.borealis.scheduler.state.TransitionResult.Outcome.*

import io.borealis.api.model.PartitionPolicy
import io.borealis.api.model.TaskEvent
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import java.time.Duration
import spock.lang.Specification

class TaskTransitionsSpec extends Specification {
    /** Aurora's legal moves (reference §2.2), written out independently of the implementation. */
    static final Map<TaskStatus, List<TaskStatus>> LEGAL = [
            (INIT)       : [PENDING, THROTTLED],
            (THROTTLED)  : [PENDING, KILLING],
            (PENDING)    : [ASSIGNED, KILLING],
            (ASSIGNED)   : [STARTING, RUNNING, FINISHED, FAILED, KILLED, LOST, KILLING,
                            RESTARTING, DRAINING, PREEMPTING],
            (STARTING)   : [RUNNING, FINISHED, FAILED, KILLED, LOST, KILLING, RESTARTING,
                            DRAINING, PREEMPTING, PARTITIONED],
            (RUNNING)    : [FINISHED, FAILED, KILLED, LOST, KILLING, RESTARTING, DRAINING,
                            PREEMPTING, PARTITIONED],
            (RESTARTING) : [FINISHED, FAILED, KILLED, LOST, KILLING, PARTITIONED],
            (DRAINING)   : [FINISHED, FAILED, KILLED, LOST, KILLING, PARTITIONED],
            (PREEMPTING) : [FINISHED, FAILED, KILLED, LOST, KILLING, PARTITIONED],
            (KILLING)    : [FINISHED, FAILED, KILLED, LOST, PARTITIONED],
            (PARTITIONED): [ASSIGNED, STARTING, RUNNING, FINISHED, FAILED, LOST, KILLING,
                            RESTARTING, DRAINING, PREEMPTING],
    ]
    static final Set<TaskStatus> STOPPING = [KILLING, RESTARTING, DRAINING, PREEMPTING] as Set
    static final Set<TaskStatus> LIVE = [ASSIGNED, STARTING, RUNNING] as Set

    static TransitionResult.Outcome expectedOutcome(TaskStatus from, TaskStatus to) {
        if (from == to) {
            return NOOP
        }
        if (to in LIVE && (from in STOPPING || from.isTerminal())) {
            return NOOP // a stale report: the task is being stopped or has ended
        }
        return to in LEGAL.getOrDefault(from, []) ? APPLIED : ILLEGAL
    }

    static TaskStatus expectedStatus(TaskStatus from, TaskStatus to) {
        if (to == KILLING && from in [PENDING, THROTTLED]) {
            return KILLED
        }
        if ((to == PARTITIONED && from in STOPPING) || (from == PARTITIONED && to in STOPPING)) {
            return LOST
        }
        return to
    }

    static TransitionResult apply(Task task, TaskStatus to) {
        TaskTransitions.apply(task, new TaskEvent(5000L, to, 'because', 'scheduler'))
    }

    def "#from -> #to is #expected"() {
        given:
        Task task = Fixtures.task(status: from)

        when:
        TransitionResult result = apply(task, to)

        then:
        result.outcome() == expected
        result.task().status() == (expected == APPLIED ? expectedStatus(from, to) : from)
        (result.effects().contains(SAVE)) == (expected == APPLIED)

        where:
        [from, to] << [TaskStatus.values(), TaskStatus.values()].combinations()
        expected = expectedOutcome(from, to)
    }

    def "#from -> #to of a #kind task with #failures of #max failures has effects #effects"() {
        given:
        Task task = Fixtures.task(status: from, service: kind == 'service', failures: failures,
                maxTaskFailures: max)

        expect:
        apply(task, to).effects() == effects

        where:
        from       | to         | kind      | failures | max || effects
        INIT       | PENDING    | 'batch'   | 0        | 1   || [SAVE]
        PENDING    | ASSIGNED   | 'batch'   | 0        | 1   || [SAVE]
        PENDING    | KILLING    | 'service' | 0        | 1   || [SAVE]
        ASSIGNED   | STARTING   | 'batch'   | 0        | 1   || [SAVE]
        RUNNING    | KILLING    | 'service' | 0        | 1   || [SAVE, KILL]
        RUNNING    | RESTARTING | 'batch'   | 0        | 1   || [SAVE, KILL]
        KILLING    | KILLED     | 'service' | 0        | 1   || [SAVE]
        RUNNING    | KILLED     | 'batch'   | 0        | 1   || [SAVE, RESCHEDULE]
        RUNNING    | FINISHED   | 'batch'   | 0        | 1   || [SAVE]
        RUNNING    | FINISHED   | 'service' | 0        | 1   || [SAVE, RESCHEDULE]
        KILLING    | FINISHED   | 'service' | 0        | 1   || [SAVE]
        RESTARTING | FINISHED   | 'batch'   | 0        | 1   || [SAVE, RESCHEDULE]
        RUNNING    | FAILED     | 'batch'   | 0        | 1   || [SAVE, INCREMENT_FAILURES]
        RUNNING    | FAILED     | 'batch'   | 0        | 2   || [SAVE, INCREMENT_FAILURES, RESCHEDULE]
        RUNNING    | FAILED     | 'batch'   | 1        | 2   || [SAVE, INCREMENT_FAILURES]
        RUNNING    | FAILED     | 'batch'   | 7        | -1  || [SAVE, INCREMENT_FAILURES, RESCHEDULE]
        RUNNING    | FAILED     | 'service' | 5        | 1   || [SAVE, INCREMENT_FAILURES, RESCHEDULE]
        KILLING    | FAILED     | 'service' | 0        | 1   || [SAVE, INCREMENT_FAILURES]
        RUNNING    | LOST       | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        ASSIGNED   | LOST       | 'service' | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        KILLING    | LOST       | 'service' | 0        | 1   || [SAVE, KILL]
        KILLING    | PARTITIONED| 'service' | 0        | 1   || [SAVE, KILL]
        DRAINING   | PARTITIONED| 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        PARTITIONED| KILLING    | 'service' | 0        | 1   || [SAVE, KILL]
        KILLING    | RUNNING    | 'service' | 0        | 1   || [KILL]
        FINISHED   | RUNNING    | 'batch'   | 0        | 1   || [KILL]
        RUNNING    | RUNNING    | 'batch'   | 0        | 1   || []
        FINISHED   | FAILED     | 'batch'   | 0        | 1   || []
        // THROTTLED: a replacement waiting out its flapping penalty, never launched
        INIT       | THROTTLED  | 'service' | 0        | 1   || [SAVE]
        THROTTLED  | PENDING    | 'service' | 0        | 1   || [SAVE]
        THROTTLED  | KILLING    | 'service' | 0        | 1   || [SAVE]
        // preemption: the victim is killed, then always replaced, whatever it was
        RUNNING    | PREEMPTING | 'batch'   | 0        | 1   || [SAVE, KILL]
        PREEMPTING | KILLED     | 'batch'   | 0        | 1   || [SAVE, RESCHEDULE]
        PREEMPTING | FINISHED   | 'batch'   | 0        | 1   || [SAVE, RESCHEDULE]
        PREEMPTING | FAILED     | 'batch'   | 0        | 1   || [SAVE, INCREMENT_FAILURES, RESCHEDULE]
        PREEMPTING | LOST       | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        PREEMPTING | PARTITIONED| 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        PREEMPTING | KILLING    | 'service' | 0        | 1   || [SAVE, KILL]
        // transient timeout: each transient state -> LOST, replaced unless a user killed it
        ASSIGNED   | LOST       | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        RESTARTING | LOST       | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        DRAINING   | LOST       | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        // partition: back and forth while the agent is away, LOST (replaced) when given up
        STARTING   | PARTITIONED| 'service' | 0        | 1   || [SAVE]
        RUNNING    | PARTITIONED| 'batch'   | 0        | 1   || [SAVE]
        PARTITIONED| RUNNING    | 'batch'   | 0        | 1   || [SAVE]
        PARTITIONED| STARTING   | 'batch'   | 0        | 1   || [SAVE]
        PARTITIONED| LOST       | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
        PARTITIONED| FINISHED   | 'service' | 0        | 1   || [SAVE, RESCHEDULE]
        PARTITIONED| FAILED     | 'batch'   | 0        | 1   || [SAVE, INCREMENT_FAILURES]
        PARTITIONED| RESTARTING | 'batch'   | 0        | 1   || [SAVE, KILL, RESCHEDULE]
    }

    def "a replacement is a new INIT task of the same instance and configuration, linked to its ancestor"() {
        given:
        Task ended = Fixtures.task(id: 'old-3', instance: 3, status: FAILED, failures: 2,
                agent: 'a1', assignedPorts: [http: 31000])

        when:
        Task next = TaskTransitions.replacement(ended, new TaskId('new-3'), 9000L)

        then:
        next.id() == new TaskId('new-3')
        next.ancestorId() == ended.id()
        next.instanceId() == 3
        next.config().is(ended.config())
        next.failureCount() == 2
        next.status() == INIT
        next.statusTimestamp() == 9000L
        next.agentId() == null && next.agentHost() == null && next.assignedPorts().isEmpty()
    }

    def "a new task with a penalty of #penalty ms starts #status"() {
        expect:
        TaskTransitions.initialStatus(penalty) == status
        apply(Fixtures.task(status: INIT), status).effects() == [SAVE]

        where:
        penalty || status
        0       || PENDING
        1       || THROTTLED
        30_000  || THROTTLED
    }

    static final Flapping FLAPPING = new Flapping(Flapping.Settings.DEFAULTS)

    /** A history: PENDING .. then {@code last} at 0, ending {@code end} after {@code ran} s. */
    static List<TaskEvent> ran(long seconds, TaskStatus end = FAILED, List<TaskStatus> via = []) {
        List<TaskEvent> events = [new TaskEvent(-60_000L, PENDING, '', 's'),
                                  new TaskEvent(-50_000L, ASSIGNED, '', 's')]
        via.each { events << new TaskEvent(-1_000L, it, '', 's') }
        events << new TaskEvent(0L, RUNNING, '', 's')
        events << new TaskEvent(seconds * 1000, end, '', 's')
        events
    }

    static List<TaskEvent> stopped(TaskStatus how, TaskStatus end = KILLED) {
        [new TaskEvent(0L, RUNNING, '', 's'), new TaskEvent(1_000L, how, '', 's'),
         new TaskEvent(2_000L, end, '', 's')]
    }

    def "flapping: #chain gives the replacement a penalty of #seconds s"() {
        expect:
        FLAPPING.penaltyMillis(histories) == seconds * 1000

        where:
        chain                                          | histories                                  || seconds
        'no ancestor'                                  | []                                         || 0
        'one ancestor that failed after 10 s'          | [ran(10)]                                  || 30
        'one that ran 4 min 59 s'                      | [ran(299)]                                 || 30
        'one that ran exactly 5 min'                   | [ran(300)]                                 || 0
        'one that ran 6 min'                           | [ran(360)]                                 || 0
        'a finished service after 1 s'                 | [ran(1, FINISHED)]                         || 30
        'an unasked KILLED after 1 s'                  | [ran(1, KILLED)]                           || 30
        'a LOST one (its agent died)'                  | [ran(1, LOST)]                             || 0
        'two in a row'                                 | [ran(1), ran(1)]                           || 60
        'three in a row'                               | [ran(1), ran(1), ran(1)]                   || 120
        'four in a row'                                | [ran(1)] * 4                               || 240
        'five in a row: capped at 5 min'               | [ran(1)] * 5                               || 300
        'nine in a row'                                | [ran(1)] * 9                               || 300
        'flapped, then one that ran long, then flapped'| [ran(1), ran(600), ran(1)]                 || 30
        'the nearest ran long'                         | [ran(600), ran(1), ran(1)]                 || 0
        'restarted by a user'                          | [stopped(RESTARTING)]                      || 0
        'killed by a user'                             | [stopped(KILLING)]                         || 0
        'drained'                                      | [stopped(DRAINING)]                        || 0
        'preempted'                                    | [stopped(PREEMPTING)]                      || 0
        'restarted earlier, then ran 1 s'              | [ran(1, FAILED, [RESTARTING])]             || 0
    }

    def "flapping can be turned off with a zero threshold or initial delay"() {
        expect:
        new Flapping(new Flapping.Settings(Duration.ZERO, Duration.ofSeconds(30),
                Duration.ofMinutes(5))).penaltyMillis([ran(1)]) == 0
        new Flapping(new Flapping.Settings(Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofMinutes(5))).penaltyMillis([ran(1)]) == 0
    }

    def "a max flapping delay under the initial one is refused"() {
        when:
        new Flapping.Settings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10))

        then:
        IllegalArgumentException e = thrown()
        e.message == 'max flapping task delay 10 s is less than the initial delay 30 s'
    }

    static final Set<TaskStatus> TRANSIENT = [ASSIGNED, PREEMPTING, RESTARTING, KILLING, DRAINING] as Set

    def "a task in #status #verdict"() {
        expect:
        TaskTransitions.timesOut(status) == (status in TRANSIENT)
        TaskTransitions.timesOut(status) == (status in TRANSIENT && TaskTransitions.isLegal(status, LOST))

        where:
        status << TaskStatus.values()
        verdict = status in TRANSIENT ? 'goes LOST after the transient timeout' : 'never times out'
    }

    static final Duration TIMEOUT = Duration.ofMinutes(5)

    def "timed move of a #status task#policyText: #expected"() {
        given:
        Task task = Fixtures.task(status: status, timestamp: 1_000_000L, partitionPolicy: policy)

        when:
        def move = TaskDeadlines.of(task, 30_000L, TIMEOUT)

        then:
        move.map { [it.to(), it.dueAt() - 1_000_000L] }.orElse(null) == expected

        where:
        status      | policy                          || expected
        THROTTLED   | null                            || [PENDING, 30_000L]
        ASSIGNED    | null                            || [LOST, 300_001L]
        PREEMPTING  | null                            || [LOST, 300_001L]
        RESTARTING  | null                            || [LOST, 300_001L]
        KILLING     | null                            || [LOST, 300_001L]
        DRAINING    | null                            || [LOST, 300_001L]
        PENDING     | null                            || null
        STARTING    | null                            || null
        RUNNING     | new PartitionPolicy(true, 60)   || null
        PARTITIONED | new PartitionPolicy(true, 60)   || [LOST, 60_000L]
        PARTITIONED | new PartitionPolicy(true, 0)    || [LOST, 0L]
        PARTITIONED | new PartitionPolicy(false, 60)  || null
        PARTITIONED | null                            || [LOST, 0L]
        FINISHED    | null                            || null
        policyText = policy ? " with partition policy ${policy}" : ''
    }

    def "a partition delay too large to count in millis never overflows into the past"() {
        given:
        Task task = Fixtures.task(status: PARTITIONED, timestamp: 1_000L,
                partitionPolicy: new PartitionPolicy(true, Long.MAX_VALUE))

        expect:
        TaskDeadlines.of(task, 0, TIMEOUT).get().dueAt() == Long.MAX_VALUE
    }

    def "when its agent is lost, a #status task #policyText goes #to"() {
        expect:
        TaskTransitions.onAgentLost(Fixtures.task(status: status, agent: 'a1',
                partitionPolicy: policy)) == to

        where:
        status      | policy                         || to
        RUNNING     | null                           || LOST
        STARTING    | null                           || LOST
        ASSIGNED    | null                           || LOST
        RUNNING     | new PartitionPolicy(true, 60)  || PARTITIONED
        STARTING    | new PartitionPolicy(false, 0)  || PARTITIONED
        ASSIGNED    | new PartitionPolicy(true, 60)  || LOST
        KILLING     | new PartitionPolicy(true, 60)  || LOST
        RESTARTING  | new PartitionPolicy(true, 60)  || LOST
        DRAINING    | new PartitionPolicy(true, 60)  || LOST
        PREEMPTING  | new PartitionPolicy(true, 60)  || LOST
        PARTITIONED | new PartitionPolicy(true, 60)  || PARTITIONED
        policyText = policy ? "with a partition policy" : 'without a partition policy'
    }

    def "a failure counts against the task, and the new state carries the event's time"() {
        when:
        TransitionResult result = apply(Fixtures.task(status: RUNNING, failures: 2), FAILED)

        then:
        result.task().failureCount() == 3
        result.task().statusTimestamp() == 5000L
    }

    def "an illegal move names the task and both states, and changes nothing"() {
        given:
        Task task = Fixtures.task(id: 'task-7', status: FINISHED)

        when:
        TransitionResult result = apply(task, FAILED)

        then:
        result.outcome() == ILLEGAL
        result.message() == 'cannot move task task-7 from FINISHED to FAILED'
        result.task().is(task)
    }
}
