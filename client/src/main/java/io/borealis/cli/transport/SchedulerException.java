package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

/** A call to the scheduler failed; the message is ready to show to a user. */
public final class SchedulerException extends Exception {
    /** Why the call failed. */
    public enum Failure {
        /** No connection could be made. */
        UNREACHABLE,
        /** The scheduler did not answer in time. */
        TIMEOUT,
        /** The scheduler answered, but refused the call or answered something unexpected. */
        REFUSED,
        /** The scheduler does not know or does not permit the caller. */
        AUTH_FAILED
    }

    private final Failure failure;

    public SchedulerException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = requireNonNull(failure, "failure is null");
    }

    public Failure failure() {
        return failure;
    }
}
