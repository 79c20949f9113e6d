package io.borealis.executor.runner;

/**
 * What runs before the runner signals a killed task's processes: the seam for the HTTP
 * graceful-shutdown lifecycle ({@code /quitquitquit}, then {@code /abortabortabort}). Called on
 * the runner thread, once per kill; it must return by {@code deadlineMillis} (epoch millis) and
 * must not throw: a failed graceful stop only means the processes get SIGTERM sooner.
 */
@FunctionalInterface
public interface ShutdownLifecycle {
    /** No graceful stage: processes get SIGTERM at once. */
    ShutdownLifecycle NONE = deadlineMillis -> { };

    void beforeTerminate(long deadlineMillis);
}
