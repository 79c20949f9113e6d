package io.borealis.scheduler.cron;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.CronCollisionPolicy;
import io.borealis.api.model.CronRun;
import io.borealis.api.model.CronRunOutcome;
import io.borealis.api.model.CronTrigger;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.metrics.SchedulerMetrics;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs one run of a cron job inside the caller's write, so that everything a run changes
 * commits together or not at all: the kill of the previous run (KILL_EXISTING), the new run's
 * PENDING tasks (created as {@code createJob} creates them, with the same quota check), the last
 * trigger time handled (for schedule runs) and the run's line in the job's history.
 *
 * <p>Collision policies, when the previous run still has active tasks:
 * <ul>
 *   <li>KILL_EXISTING: the previous run's active tasks are moved to KILLING, and the new run's
 *       tasks are created PENDING at once (they may be placed while the old ones stop);
 *   <li>CANCEL_NEW: this trigger is skipped, recorded as SKIPPED in the history;
 *   <li>RUN_OVERLAP: never stored (refused when scheduled, as Aurora deprecated it).
 * </ul>
 * A run that the role's quota refuses is recorded as FAILED and changes nothing else.
 * Thread-safe: holds no state.
 */
final class CronRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CronRunner.class);
    /** Runs kept per job in the history. */
    static final int KEPT_RUNS = 25;

    private final StateManager stateManager;
    private final QuotaManager quotas;
    private final SchedulerMetrics metrics;

    CronRunner(StateManager stateManager, QuotaManager quotas, SchedulerMetrics metrics) {
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * Runs {@code job} for {@code triggerAt} in {@code store}'s write. For SCHEDULE and MISSED
     * runs it also stores {@code triggerAt} as the last trigger handled, whatever the outcome,
     * so the trigger is never run again.
     *
     * @param note appended to the run's message (e.g. how many trigger times were missed)
     */
    CronRun run(MutableStoreProvider store, JobConfiguration job, Instant triggerAt,
            CronTrigger trigger, Instant now, String note) {
        List<Task> previous = store.tasks().activeOfJob(job.key());
        if (!previous.isEmpty()) {
            store.afterCommit(metrics::cronCollision);
        }
        CronRun run = switch (job.cronCollisionPolicy()) {
            case CANCEL_NEW -> previous.isEmpty()
                    ? start(store, job, triggerAt, trigger, now, List.of(), note)
                    : record(triggerAt, trigger, now, CronRunOutcome.SKIPPED,
                            "skipped: the previous run is still active (" + previous.size()
                                    + " tasks) and the collision policy is CANCEL_NEW", note);
            case KILL_EXISTING, RUN_OVERLAP ->
                    start(store, job, triggerAt, trigger, now, previous, note);
        };
        if (trigger != CronTrigger.MANUAL) {
            store.cron().saveLastTrigger(job.key(), triggerAt.toEpochMilli());
        }
        store.cron().addRun(job.key(), run, KEPT_RUNS);
        LOG.info("cron job {}: {} run for {} {}: {}", job.key(), trigger, triggerAt,
                run.outcome(), run.message());
        return run;
    }

    private CronRun start(MutableStoreProvider store, JobConfiguration job, Instant triggerAt,
            CronTrigger trigger, Instant now, List<Task> previous, String note) {
        boolean kill = job.cronCollisionPolicy() == CronCollisionPolicy.KILL_EXISTING
                && !previous.isEmpty();
        try {
            // Checked before anything changes: a refused run kills nothing.
            quotas.admit(store, job.taskConfig(), job.instanceCount());
        } catch (PlatformException e) {
            store.afterCommit(metrics::cronLaunchFailed);
            return record(triggerAt, trigger, now, CronRunOutcome.FAILED,
                    "not started: " + e.getMessage(), note);
        }
        if (kill) {
            List<TaskId> ids = previous.stream().map(Task::id).toList();
            stateManager.changeState(store, ids, TaskStatus.KILLING,
                    "Killed by cron: a new run started (collision policy KILL_EXISTING)");
        }
        stateManager.insertPendingTasks(store, job.taskConfig(),
                IntStream.range(0, job.instanceCount()).boxed().toList());
        if (trigger != CronTrigger.MANUAL) {
            store.afterCommit(metrics::cronTriggered);
        }
        return kill
                ? record(triggerAt, trigger, now, CronRunOutcome.KILLED_PREVIOUS,
                        "killed the previous run's " + previous.size() + " active tasks, then "
                                + "started " + job.instanceCount() + " instances", note)
                : record(triggerAt, trigger, now, CronRunOutcome.STARTED,
                        "started " + job.instanceCount() + " instances", note);
    }

    private static CronRun record(Instant triggerAt, CronTrigger trigger, Instant now,
            CronRunOutcome outcome, String message, String note) {
        return new CronRun(triggerAt.toEpochMilli(), now.toEpochMilli(), trigger, outcome,
                note.isEmpty() ? message : message + "; " + note);
    }
}
