package io.borealis.executor.runner;

import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.TaskSpec;
import io.borealis.executor.checkpoint.CheckpointWriter;
import java.util.List;
import java.util.Optional;

/**
 * The stages of one task after it became ACTIVE: the regular plan, CLEANING and FINALIZING, and
 * the outcome they add up to (Thermos's runner loop). Runner thread only.
 */
final class Stages {
    private final TaskSpec spec;
    private final ProcessControl processes;
    private final CheckpointWriter checkpoint;
    private final ShutdownLifecycle lifecycle;
    private final long stopGraceMillis;

    Stages(TaskSpec spec, ProcessControl processes, CheckpointWriter checkpoint,
            ShutdownLifecycle lifecycle, long stopGraceMillis) {
        this.spec = spec;
        this.processes = processes;
        this.checkpoint = checkpoint;
        this.lifecycle = lifecycle;
        this.stopGraceMillis = stopGraceMillis;
    }

    /**
     * Runs the stages; {@code activeEnded} runs as soon as ACTIVE ends (it stops the health
     * monitor).
     */
    TaskRunner.Outcome run(Plan regular, Plan finals, Runnable activeEnded) {
        regular.records().forEach(r -> processes.waiting(r, null));
        TaskRunner.Outcome active = active(regular);
        activeEnded.run();
        processes.endActive();
        checkpoint.task(TaskState.CLEANING, active.message());
        if (processes.killReason() != null) {
            // Killed (asked, unhealthy or over a limit): the task may leave on its own first.
            processes.stopping(regular.records());
            lifecycle.beforeTerminate(new ShutdownLifecycle.Exits() {
                @Override
                public boolean awaitAll(long untilMillis) {
                    return processes.awaitEnded(regular.records(), untilMillis);
                }

                @Override
                public long now() {
                    return processes.now();
                }
            });
        }
        // The finalization budget starts when ACTIVE (and the graceful lifecycle) ends; stopped
        // processes always get their stop grace, so a TERM trap runs even with a wait of 0.
        long deadline = processes.now()
                + Math.max(spec.finalizationWaitSecs() * 1000L, stopGraceMillis);
        String why = switch (active.state()) {
            case KILLED -> "task killed";
            case FAILED -> "task failed";
            case SUCCESS -> "task finished";
            case ACTIVE, CLEANING, FINALIZING, LOST -> "task " + active.state();
        };
        processes.stop(regular.records(), deadline, why);
        processes.sweep(deadline);
        if (finals.isEmpty()) {
            return withLateKill(active);
        }
        checkpoint.task(TaskState.FINALIZING, null);
        finals.records().forEach(r -> processes.waiting(r, null));
        Optional<String> unfinished = finalize(finals, deadline);
        processes.stop(finals.records(), deadline, "finalization wait ended");
        processes.sweep(deadline);
        return withLateKill(outcome(active, finals, unfinished));
    }

    /** Runs the regular plan until it completes, fails, gets stuck or is killed. */
    private TaskRunner.Outcome active(Plan plan) {
        while (true) {
            if (processes.killReason() != null) {
                return new TaskRunner.Outcome(processes.killOutcome(), processes.killReason());
            }
            List<ProcessRecord> failed = plan.failed();
            if (spec.maxFailures() > 0 && failed.size() >= spec.maxFailures()) {
                return new TaskRunner.Outcome(TaskState.FAILED,
                        TaskRunner.describeFailures(failed));
            }
            if (plan.complete()) {
                return new TaskRunner.Outcome(TaskState.SUCCESS, success(plan));
            }
            Optional<String> stuck = plan.deadlock();
            if (stuck.isPresent()) {
                return new TaskRunner.Outcome(TaskState.FAILED, stuck.get());
            }
            long now = processes.now();
            List<ProcessRecord> runnable = plan.runnable(now);
            if (!runnable.isEmpty()) {
                runnable.forEach(processes::launch);
                continue;
            }
            processes.awaitEvent(waitMillis(plan, now, Long.MAX_VALUE));
        }
    }

    /** Runs the final plan until it completes, gets stuck or the deadline passes. */
    private Optional<String> finalize(Plan plan, long deadline) {
        while (!plan.complete() && plan.deadlock().isEmpty()) {
            long now = processes.now();
            if (now >= deadline) {
                return Optional.of("final processes did not finish within "
                        + spec.finalizationWaitSecs() + "s");
            }
            List<ProcessRecord> runnable = plan.runnable(now);
            if (!runnable.isEmpty()) {
                runnable.forEach(processes::launch);
                continue;
            }
            processes.awaitEvent(waitMillis(plan, now, deadline));
        }
        return Optional.empty();
    }

    /** Until the next min_duration expiry or {@code deadline}; -1 (forever) when neither. */
    private static long waitMillis(Plan plan, long now, long deadline) {
        long wakeAt = deadline;
        var eligible = plan.nextEligibleMillis();
        if (eligible.isPresent() && eligible.getAsLong() > now) {
            wakeAt = Math.min(wakeAt, eligible.getAsLong());
        }
        return wakeAt == Long.MAX_VALUE ? -1 : Math.max(1, wakeAt - now);
    }

    private TaskRunner.Outcome outcome(TaskRunner.Outcome active, Plan finals,
            Optional<String> unfinished) {
        if (active.state() != TaskState.SUCCESS) {
            return active;
        }
        if (!finals.failed().isEmpty()) {
            return new TaskRunner.Outcome(TaskState.FAILED,
                    TaskRunner.describeFailures(finals.failed()));
        }
        return unfinished.map(m -> new TaskRunner.Outcome(TaskState.SUCCESS,
                active.message() + "; " + m)).orElse(active);
    }

    /** A kill that arrives after ACTIVE still decides the task's end (KILLED, as asked). */
    private TaskRunner.Outcome withLateKill(TaskRunner.Outcome outcome) {
        if (processes.killReason() != null && (outcome.state() != processes.killOutcome()
                || !processes.killReason().equals(outcome.message()))) {
            return new TaskRunner.Outcome(processes.killOutcome(), processes.killReason());
        }
        return outcome;
    }

    private static String success(Plan plan) {
        long finished = plan.records().stream()
                .filter(r -> r.holdsPlanOpen() && r.status() == ProcessRecord.Status.FINISHED)
                .count();
        String message = finished + (finished == 1 ? " process" : " processes") + " succeeded";
        List<ProcessRecord> failed = plan.failed();
        return failed.isEmpty() ? message
                : message + "; within max_failures: " + TaskRunner.describeFailures(failed);
    }
}
