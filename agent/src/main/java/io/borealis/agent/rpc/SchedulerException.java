package io.borealis.agent.rpc;

/**
 * A call to the scheduler did not succeed: it was unreachable, timed out, or answered with an
 * error code. Callers retry with backoff; the message says which of these happened.
 */
public final class SchedulerException extends Exception {
    public SchedulerException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchedulerException(String message) {
        super(message);
    }
}
