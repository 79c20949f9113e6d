package io.borealis.scheduler.error;

/** Whose fault an error is. */
public enum ErrorType {
    /** The caller sent something wrong: a bad configuration, an unknown or duplicate job. */
    USER_ERROR,
    /** The scheduler failed; the caller did nothing wrong. */
    INTERNAL_ERROR,
    /** The cluster cannot satisfy the request now. */
    INSUFFICIENT_RESOURCES
}
