package io.borealis.scheduler.state;

import java.time.Duration;

/**
 * Wakes a loop waiting for stored changes: the scheduling loop's is raised after a commit that
 * made tasks PENDING or added an agent; the update controller's after a commit that made a task
 * RUNNING or ended one. Many raises before the loop looks collapse into one. Thread-safe.
 */
public final class PendingSignal {
    private boolean raised;

    public synchronized void raise() {
        raised = true;
        notifyAll();
    }

    /**
     * Waits until raised or {@code timeout} passes, then clears the signal.
     *
     * @return whether it was raised
     */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!raised) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = Math.max(1, left / 1_000_000);
            wait(millis);
        }
        raised = false;
        return true;
    }
}
