package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

/**
 * Where a cluster's leading scheduler is: a fixed {@code scheduler_uri}, or found in ZooKeeper
 * ({@link ZooKeeperLocator}). Thread-safe.
 */
public interface SchedulerLocator {
    /** The leader's URL, looked up if not yet known; fails when none can be found. */
    String locate() throws SchedulerException;

    /**
     * Looks again after a call to {@code failed} found no leader there (connection refused,
     * redirected, no leader yet); the same URL when this locator cannot look elsewhere.
     */
    String relocate(String failed) throws SchedulerException;

    /** Whether {@link #relocate} can find a different scheduler, so a failed call is retried. */
    boolean follows();

    /** The URL last located, or what is looked in, for messages; never fails. */
    String lastKnown();

    /** A fixed {@code scheduler_uri}. */
    static SchedulerLocator fixed(String uri) {
        requireNonNull(uri, "uri is null");
        return new SchedulerLocator() {
            @Override
            public String locate() {
                return uri;
            }

            @Override
            public String relocate(String failed) {
                return uri;
            }

            @Override
            public boolean follows() {
                return false;
            }

            @Override
            public String lastKnown() {
                return uri;
            }
        };
    }
}
