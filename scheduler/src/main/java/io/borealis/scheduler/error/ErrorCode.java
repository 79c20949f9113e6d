package io.borealis.scheduler.error;

/** The categories of failure the scheduler reports. Each carries its {@link ErrorType}. */
public enum ErrorCode {
    /** A request that is malformed or invalid: bad configuration, bad key, bad query. */
    INVALID_REQUEST(ErrorType.USER_ERROR),
    /** The request names a job that does not exist. */
    JOB_NOT_FOUND(ErrorType.USER_ERROR),
    /** The request would create a job that already exists. */
    JOB_EXISTS(ErrorType.USER_ERROR),
    /** Production work that would take its role over quota (an admission check, as Aurora's). */
    INSUFFICIENT_QUOTA(ErrorType.INSUFFICIENT_RESOURCES),
    /** A failure inside the scheduler (storage, a bug). */
    INTERNAL(ErrorType.INTERNAL_ERROR);

    private final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
