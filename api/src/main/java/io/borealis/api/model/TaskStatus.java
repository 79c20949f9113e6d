package io.borealis.api.model;

/**
 * A task's state as users and scripts see it: Aurora's {@code ScheduleStatus}.
 *
 * <pre>
 *   PENDING -> ASSIGNED -> STARTING -> RUNNING -> FINISHED
 *      |          |           |          |    \-> FAILED
 *      |          |           |          \-> KILLING -> KILLED
 *      \-> KILLED \-> LOST    \-> FAILED / LOST
 * </pre>
 *
 * The scheduler's task state machine owns the legal moves; this type only names the states and
 * says which are terminal.
 */
public enum TaskStatus {
    INIT(false),
    THROTTLED(false),
    PENDING(false),
    ASSIGNED(false),
    STARTING(false),
    RUNNING(false),
    FINISHED(true),
    PREEMPTING(false),
    RESTARTING(false),
    DRAINING(false),
    FAILED(true),
    KILLED(true),
    KILLING(false),
    LOST(true),
    PARTITIONED(false);

    private final boolean terminal;

    TaskStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** FINISHED, FAILED, KILLED and LOST: the task will never run again. */
    public boolean isTerminal() {
        return terminal;
    }

    /** Not terminal: the task holds (or is about to hold) resources on a host. */
    public boolean isActive() {
        return !terminal;
    }
}
