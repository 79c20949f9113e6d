package io.borealis.dsl.diagnostic;

/** How bad a problem is: an error stops the job from being submitted, a warning does not. */
public enum Severity {
    ERROR,
    WARNING
}
