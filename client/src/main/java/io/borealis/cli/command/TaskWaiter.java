package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskQuery;
import io.borealis.cli.render.Progress;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Polls a job's tasks until a condition holds, or a deadline passes (status 9), showing progress
 * on a terminal. Runs on the command's thread; an interrupt ends the wait with status 130.
 */
final class TaskWaiter {
    private final SchedulerClient scheduler;
    private final CliContext context;

    TaskWaiter(SchedulerClient scheduler, CliContext context) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * Waits until {@code done} holds for the tasks {@code query} returns.
     *
     * @param describe the progress line (and timeout message) for the current tasks
     * @return the tasks that satisfied {@code done}
     */
    List<InstanceTask> await(TaskQuery query, Predicate<List<InstanceTask>> done,
            java.util.function.Function<List<InstanceTask>, String> describe, Duration timeout)
            throws CliException {
        Instant deadline = Instant.now().plus(timeout);
        Progress progress = new Progress(context.err(), context.terminal());
        try {
            while (true) {
                List<InstanceTask> tasks = scheduler.tasks(query);
                progress.update(describe.apply(tasks));
                if (done.test(tasks)) {
                    return tasks;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new CliException(ExitCode.TIMEOUT, "timed out after "
                            + timeout.toSeconds() + "s: " + describe.apply(tasks));
                }
                Thread.sleep(context.pollInterval().toMillis());
            }
        } catch (SchedulerException e) {
            throw CliException.from(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        } finally {
            progress.done();
        }
    }
}
