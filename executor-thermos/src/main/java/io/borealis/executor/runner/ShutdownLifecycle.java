package io.borealis.executor.runner;

/**
 * What runs before the runner signals a killed task's processes: the seam for the HTTP
 * graceful-shutdown lifecycle ({@code /quitquitquit}, wait, then {@code /abortabortabort},
 * wait). Called on the runner thread, once per kill, after the task entered CLEANING; it may
 * wait for the processes to leave on their own through {@link Exits}. It must not throw: a
 * failed graceful stop only means the processes get SIGTERM sooner.
 */
@FunctionalInterface
public interface ShutdownLifecycle {
    /** No graceful stage: processes get SIGTERM at once. */
    ShutdownLifecycle NONE = exits -> { };

    void beforeTerminate(Exits exits);

    /** The runner's side of the wait. Runner thread only. */
    interface Exits {
        /**
         * Handles process exits until every regular process has ended or {@code untilMillis}
         * (epoch millis) has passed; true when they all ended.
         */
        boolean awaitAll(long untilMillis);

        /** The runner's clock, epoch millis. */
        long now();
    }
}
