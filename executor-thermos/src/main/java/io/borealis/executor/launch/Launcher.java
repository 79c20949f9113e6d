package io.borealis.executor.launch;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Starts and stops the runs of a task's processes (Nomad's driver seam).
 *
 * <p>Threading: {@code start}, {@code stop}, {@code destroy}, {@code alive} and {@code recover}
 * are called from the runner thread only; the stage returned by {@code await} completes on a
 * thread of the launcher's choosing, so its callbacks must only hand the result over.
 * {@code stop} and {@code destroy} are idempotent and never throw for processes that are
 * already gone.
 */
public interface Launcher {
    /** Starts a run. Fails with an IOException if the process could not be created at all. */
    RunHandle start(LaunchSpec spec) throws IOException;

    /** Completes with the exit status of the run's top process (128+N when killed by signal N). */
    CompletionStage<Integer> await(RunHandle run);

    /** Asks the run and every descendant to terminate (SIGTERM). */
    void stop(RunHandle run);

    /** Forces the run and every descendant to terminate (SIGKILL). */
    void destroy(RunHandle run);

    /** Whether any process of the run (its top process or a descendant) is still alive. */
    boolean alive(RunHandle run);

    /**
     * The pids of every live process that belongs to task {@code taskId}, whoever started it:
     * descendants that left their run's session, or processes left by an earlier executor.
     */
    List<Long> recover(String taskId);

    /** Sends SIGTERM ({@code force} false) or SIGKILL to every process {@link #recover} finds. */
    void signalTask(String taskId, boolean force);
}
