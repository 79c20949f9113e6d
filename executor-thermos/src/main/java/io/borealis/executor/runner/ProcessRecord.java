package io.borealis.executor.runner;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Process;
import io.borealis.executor.launch.RunHandle;

/**
 * The runner's view of one process across its runs: where it is in its lifecycle, how often it
 * has failed, the run in flight and when it may start again. Mutable; runner thread only.
 */
final class ProcessRecord {
    /** Where a process is in the plan. Only WAITING and RUNNING can change again. */
    enum Status {
        /** The next run waits for its predecessors, the concurrency limit or min_duration. */
        WAITING,
        RUNNING,
        /** Done and satisfies the processes ordered after it. */
        FINISHED,
        /** Failed max_failures times; never runs again. */
        FAILED,
        /** Stopped by the runner; never runs again. */
        KILLED
    }

    private final Process process;
    private final String cmdline;
    private Status status = Status.WAITING;
    private int run;
    private int failures;
    private long eligibleAtMillis;
    private RunHandle current;
    private boolean stopRequested;
    private String lastFailure;

    ProcessRecord(Process process, String cmdline) {
        this.process = requireNonNull(process, "process is null");
        this.cmdline = requireNonNull(cmdline, "cmdline is null");
    }

    /** Numbers the next run {@code run}: an earlier executor of this task used the ones before. */
    void continueAfter(int previousRuns) {
        run = previousRuns;
    }

    Process process() {
        return process;
    }

    String name() {
        return process.name();
    }

    String cmdline() {
        return cmdline;
    }

    Status status() {
        return status;
    }

    int run() {
        return run;
    }

    int failures() {
        return failures;
    }

    long eligibleAtMillis() {
        return eligibleAtMillis;
    }

    RunHandle current() {
        return current;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** The message of the run that made this process FAILED, or of its latest failed run. */
    String lastFailure() {
        return lastFailure;
    }

    /** Whether this process must end for the plan to be complete (ephemerals need not). */
    boolean holdsPlanOpen() {
        return !process.ephemeral();
    }

    boolean isDone() {
        return switch (status) {
            case WAITING, RUNNING -> false;
            case FINISHED, FAILED, KILLED -> true;
        };
    }

    void started(RunHandle handle) {
        status = Status.RUNNING;
        current = handle;
        stopRequested = false;
    }

    void requestStop() {
        stopRequested = true;
    }

    /**
     * The current run ended with {@code exitCode}, or could not start ({@code exitCode} null).
     * Applies Thermos's rules and returns the process's new status: a success finishes a regular
     * process and re-queues a daemon; a failure re-queues the process until it has failed
     * {@code max_failures} times (0 = never give up), after which an ephemeral process counts as
     * finished and any other as failed. Every re-run waits {@code min_duration} after this end.
     */
    Status ended(Integer exitCode, String message, long nowMillis) {
        current = null;
        eligibleAtMillis = nowMillis + process.minDurationSecs() * 1000L;
        if (stopRequested) {
            status = Status.KILLED;
            return status;
        }
        boolean success = exitCode != null && exitCode == 0;
        if (success) {
            status = process.daemon() ? Status.WAITING : Status.FINISHED;
        } else {
            failures++;
            lastFailure = message;
            boolean exhausted = process.maxFailures() > 0 && failures >= process.maxFailures();
            status = !exhausted ? Status.WAITING
                    : process.ephemeral() ? Status.FINISHED : Status.FAILED;
        }
        if (status == Status.WAITING) {
            run++;
        }
        return status;
    }

    /** The process will not run again: it never started, or its run was stopped. */
    void cancel() {
        status = Status.KILLED;
    }
}
