package io.borealis.scheduler.state

import io.borealis.scheduler.storage.Task
import static io.borealis.api.model.TaskStatus.*
import static io.borealis.scheduler.state.TransitionResult.Effect.*
import static io.borealis.scheduler.state.TransitionResult.Outcome.*

import io.borealis.api.model.TaskEvent
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.testing.Fixtures
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
