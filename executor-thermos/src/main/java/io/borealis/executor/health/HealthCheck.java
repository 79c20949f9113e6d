package io.borealis.executor.health;

/**
 * One kind of health check (HTTP or shell). {@link #check} runs one attempt and returns within
 * the check's timeout (plus a little). Called from the health monitor's thread only.
 */
public interface HealthCheck {
    /** One attempt: whether the task answered as expected, and if not, why. Never throws. */
    Result check();

    /** What the task is asked, for messages: {@code GET http://localhost:31000/health}. */
    String describe();

    /** The outcome of one attempt; {@code reason} is null for a success. */
    record Result(boolean healthy, String reason) {
        public static final Result OK = new Result(true, null);

        public static Result failed(String reason) {
            return new Result(false, reason);
        }
    }
}
