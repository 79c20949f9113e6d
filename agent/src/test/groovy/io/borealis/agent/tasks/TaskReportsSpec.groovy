package io.borealis.agent.tasks

import static io.borealis.api.checkpoint.TaskState.*
import static io.borealis.api.model.TaskStatus.FAILED as S_FAILED
import static io.borealis.api.model.TaskStatus.FINISHED as S_FINISHED
import static io.borealis.api.model.TaskStatus.KILLED as S_KILLED
import static io.borealis.api.model.TaskStatus.LOST as S_LOST
import static io.borealis.api.model.TaskStatus.RUNNING as S_RUNNING
import static io.borealis.api.model.TaskStatus.STARTING as S_STARTING

import io.borealis.api.checkpoint.TaskState
import io.borealis.api.model.TaskStatus
import spock.lang.Specification

class TaskReportsSpec extends Specification {
    static Observation alive(TaskState state, String message = null) {
        new Observation(state, message, true, null, 42L, false, null)
    }

    static Observation unhealthy(TaskState state, String healthMessage) {
        new Observation(state, null, true, null, 42L, false, null, false, healthMessage)
    }

    static Observation healthy(TaskState state, String healthMessage) {
        new Observation(state, null, true, null, 42L, false, null, true, healthMessage)
    }

    static Observation gone(TaskState state, Integer exit, boolean kill = false, String why = null) {
        new Observation(state, null, false, exit, 42L, kill, why)
    }

    def "reported #reported, seen #seen.checkpointState() (alive: #seen.executorAlive()) -> #expected"() {
        expect:
        TaskReports.decide(reported, seen).orElse(null) == expected

        where:
        reported   | seen                         || expected
        null       | alive(null)                  || new Report(S_STARTING, null)
        S_STARTING | alive(null)                  || null
        S_STARTING | alive(ACTIVE, 'up')          || new Report(S_RUNNING, 'up')
        null       | alive(ACTIVE)                || new Report(S_RUNNING, null)
        S_RUNNING  | alive(ACTIVE)                || null
        S_RUNNING  | alive(CLEANING)              || null
        S_RUNNING  | alive(FINALIZING)            || null
        S_RUNNING  | alive(SUCCESS, 'done')       || new Report(S_FINISHED, 'done')
        S_STARTING | alive(FAILED, 'bad')         || new Report(S_FAILED, 'bad')
        S_RUNNING  | alive(KILLED, 'stop')        || new Report(S_KILLED, 'stop')
        S_RUNNING  | alive(LOST, 'lost it')       || new Report(S_LOST, 'lost it')
        S_RUNNING  | gone(ACTIVE, 3)              || new Report(S_FAILED, 'executor exited (status 3) before the task ended')
        S_STARTING | gone(null, null)             || new Report(S_LOST, 'executor (pid 42) is gone (exit status unknown) and the task had not ended')
        S_RUNNING  | gone(ACTIVE, 143, true, 'x') || new Report(S_KILLED, 'x; executor exited (status 143)')
        S_RUNNING  | gone(ACTIVE, 9, true)        || new Report(S_KILLED, 'killed by the agent; executor exited (status 9)')
        S_RUNNING  | gone(SUCCESS, 0)             || new Report(S_FINISHED, null)
        S_FINISHED | gone(ACTIVE, 1)              || null
        S_KILLED   | alive(ACTIVE)                || null
        null       | unhealthy(ACTIVE, 'waiting') || new Report(S_STARTING, null)
        S_STARTING | unhealthy(ACTIVE, 'waiting') || null
        S_STARTING | unhealthy(CLEANING, 'Failed health check! x') || null
        S_STARTING | unhealthy(FAILED, 'Failed health check! x') || new Report(S_FAILED, null)
        S_STARTING | healthy(ACTIVE, 'health check passed') || new Report(S_RUNNING, 'health check passed')
        S_RUNNING  | unhealthy(ACTIVE, 'Failed health check! x') || null
    }

    def "every executor task state maps to a status users know"() {
        expect:
        TaskState.values().collect { TaskReports.statusOf(it) } ==
                [S_RUNNING, S_RUNNING, S_RUNNING, S_FINISHED, S_FAILED, S_KILLED, S_LOST]
    }
}
