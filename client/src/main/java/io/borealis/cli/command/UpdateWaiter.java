package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.borealis.cli.render.Progress;
import io.borealis.cli.transport.JobUpdateView;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls an update until it ends, showing instances done / total and the current batch on a
 * terminal (nothing when output is not one). Exit status: 0
 * for ROLLED_FORWARD; 4 (COMMAND_FAILURE) for any other end (ROLLED_BACK, ABORTED, FAILED,
 * ERROR); 9 when the timeout passes first; 130 when interrupted.
 */
final class UpdateWaiter {
    private final SchedulerClient scheduler;
    private final CliContext context;

    UpdateWaiter(SchedulerClient scheduler, CliContext context) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.context = requireNonNull(context, "context is null");
    }

    ExitCode await(JobKey job, String id, Duration timeout) throws CliException {
        Instant deadline = Instant.now().plus(timeout);
        Progress progress = new Progress(context.err(), context.terminal());
        JobUpdateView update;
        try {
            while (true) {
                update = scheduler.jobUpdate(job, id);
                progress.update(describe(update));
                if (update.ended()) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new CliException(ExitCode.TIMEOUT, "timed out after "
                            + timeout.toSeconds() + "s: " + describe(update));
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
        if (!update.status().equals("ROLLED_FORWARD")) {
            throw new CliException(ExitCode.COMMAND_FAILURE, "update " + id + " of " + job
                    + " ended " + update.status() + ": " + update.statusMessage());
        }
        context.out().println("Update " + id + " of " + job + " ROLLED_FORWARD");
        context.out().flush();
        return ExitCode.OK;
    }

    private static String describe(JobUpdateView update) {
        long done = update.instances().stream()
                .filter(i -> i.state().equals("SUCCEEDED") || i.state().equals("FAILED")
                        || i.state().equals("SKIPPED"))
                .count();
        int batch = update.instances().stream().mapToInt(JobUpdateView.Instance::batch).max()
                .orElse(0);
        return update.status() + ": " + done + "/" + update.instances().size()
                + " instances done" + (batch > 0 ? ", batch " + batch : "");
    }
}
