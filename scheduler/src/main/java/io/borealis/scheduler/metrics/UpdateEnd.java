package io.borealis.scheduler.metrics;

/** How a job update ended (spec/http.md's terminal update states): a tag of updates ended. */
public enum UpdateEnd {
    ROLLED_FORWARD,
    ROLLED_BACK,
    ABORTED,
    ERROR,
    FAILED
}
