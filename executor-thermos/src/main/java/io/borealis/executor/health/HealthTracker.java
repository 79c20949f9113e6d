package io.borealis.executor.health;

/**
 * Aurora's health-check arithmetic (health_checker.py), as a pure state machine fed one attempt
 * at a time.
 *
 * <ul>
 *   <li>Until the task is first healthy, failures in the first {@code ceil(initial_interval /
 *       interval)} attempts are forgiven (the grace period).
 *   <li>The task becomes healthy after {@code min_consecutive_successes} successes in a row.
 *   <li>It becomes unhealthy after more than {@code max_consecutive_failures} failures in a row
 *       outside the grace period, or, before it was ever healthy, as soon as the attempts left
 *       (of {@code grace + max_consecutive_failures + min_consecutive_successes}) cannot
 *       produce the successes it still needs.
 * </ul>
 *
 * Unhealthy is final. Not thread-safe: the health monitor's thread only.
 */
public final class HealthTracker {
    /** Where the task stands. */
    public enum Verdict {
        /** Not yet proven healthy. */
        PENDING,
        HEALTHY,
        /** Final: the task is to be killed. */
        UNHEALTHY
    }

    private final int forgivenAttempts;
    private final int maxConsecutiveFailures;
    private final int minConsecutiveSuccesses;
    private final int maxAttemptsToHealthy;
    private int attempts;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Verdict verdict = Verdict.PENDING;

    public HealthTracker(double initialIntervalSecs, double intervalSecs,
            int maxConsecutiveFailures, int minConsecutiveSuccesses) {
        this.forgivenAttempts = intervalSecs <= 0 ? 0
                : (int) Math.ceil(Math.max(0, initialIntervalSecs) / intervalSecs);
        this.maxConsecutiveFailures = Math.max(0, maxConsecutiveFailures);
        this.minConsecutiveSuccesses = Math.max(1, minConsecutiveSuccesses);
        this.maxAttemptsToHealthy = forgivenAttempts + this.maxConsecutiveFailures
                + this.minConsecutiveSuccesses;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Counts one attempt and returns the verdict after it. */
    public Verdict record(boolean healthy) {
        if (verdict == Verdict.UNHEALTHY) {
            return verdict;
        }
        attempts++;
        if (healthy) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
            if (verdict == Verdict.PENDING && consecutiveSuccesses >= minConsecutiveSuccesses) {
                verdict = Verdict.HEALTHY;
            }
            return verdict;
        }
        consecutiveSuccesses = 0;
        if (verdict == Verdict.PENDING && attempts <= forgivenAttempts) {
            return verdict;
        }
        consecutiveFailures++;
        boolean hopeless = verdict == Verdict.PENDING
                && minConsecutiveSuccesses > maxAttemptsToHealthy - attempts;
        if (hopeless || consecutiveFailures > maxConsecutiveFailures) {
            verdict = Verdict.UNHEALTHY;
        }
        return verdict;
    }
}
