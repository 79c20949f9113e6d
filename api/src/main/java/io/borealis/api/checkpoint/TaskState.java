package io.borealis.api.checkpoint;

/** A task's state inside the executor (Thermos's TaskState). */
public enum TaskState {
    /** Regular processes are running or waiting to run. */
    ACTIVE(false),
    /** Regular processes have ended or are being killed; ephemerals are being stopped. */
    CLEANING(false),
    /** Final processes are running. */
    FINALIZING(false),
    SUCCESS(true),
    FAILED(true),
    KILLED(true),
    LOST(true);

    private final boolean terminal;

    TaskState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
