package io.borealis.api.checkpoint;

/** One run of a process inside the executor (Thermos's ProcessState). */
public enum ProcessState {
    /** Not started yet: waiting for an ordering constraint, concurrency or min_duration. */
    WAITING(false),
    /** Fork requested; no pid confirmed yet. */
    FORKED(false),
    RUNNING(false),
    SUCCESS(true),
    FAILED(true),
    KILLED(true),
    /** The executor lost track of it (for example it died while the process ran). */
    LOST(true);

    private final boolean terminal;

    ProcessState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
