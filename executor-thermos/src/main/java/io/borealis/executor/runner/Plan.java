package io.borealis.executor.runner;

import io.borealis.executor.graph.ProcessGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One stage of a task, regular or final (Thermos's TaskPlanner): which processes may start now,
 * whether the stage is complete, and whether it is stuck. Runner thread only.
 */
final class Plan {
    private final ProcessGraph graph;
    private final Map<String, ProcessRecord> records;
    private final int maxConcurrency;

    /** @param maxConcurrency at most this many processes run at once; 0 = no limit */
    Plan(ProcessGraph graph, Collection<ProcessRecord> records, int maxConcurrency) {
        this.graph = graph;
        this.records = new LinkedHashMap<>();
        records.forEach(r -> this.records.put(r.name(), r));
        this.maxConcurrency = maxConcurrency;
    }

    Collection<ProcessRecord> records() {
        return records.values();
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** The processes to start now, in declaration order, within the concurrency limit. */
    List<ProcessRecord> runnable(long nowMillis) {
        long running = records.values().stream()
                .filter(r -> r.status() == ProcessRecord.Status.RUNNING).count();
        List<ProcessRecord> runnable = new ArrayList<>();
        for (ProcessRecord record : records.values()) {
            if (maxConcurrency > 0 && running + runnable.size() >= maxConcurrency) {
                break;
            }
            if (ready(record) && record.eligibleAtMillis() <= nowMillis) {
                runnable.add(record);
            }
        }
        return runnable;
    }

    /** When the earliest process held back only by min_duration may start. */
    OptionalLong nextEligibleMillis() {
        return records.values().stream().filter(this::ready)
                .mapToLong(ProcessRecord::eligibleAtMillis).min();
    }

    private boolean ready(ProcessRecord record) {
        return record.status() == ProcessRecord.Status.WAITING
                && graph.predecessorsOf(record.name()).stream()
                        .allMatch(p -> records.get(p).status() == ProcessRecord.Status.FINISHED);
    }

    /** Complete when every process that holds the plan open has finished, failed or been killed. */
    boolean complete() {
        return records.values().stream().filter(ProcessRecord::holdsPlanOpen)
                .allMatch(ProcessRecord::isDone);
    }

    /** The processes that failed for good, in declaration order. */
    List<ProcessRecord> failed() {
        return records.values().stream()
                .filter(r -> r.status() == ProcessRecord.Status.FAILED).toList();
    }

    /**
     * If the plan can never complete, says why: a process waits for one that failed or was
     * killed, and no other process that holds the plan open is running or may still run. While
     * such a process exists the plan is left to play out, as Thermos does.
     */
    Optional<String> deadlock() {
        Optional<ProcessRecord> stuck = Optional.empty();
        for (ProcessRecord record : records.values()) {
            if (!record.holdsPlanOpen()) {
                continue;
            }
            switch (record.status()) {
                case RUNNING -> {
                    return Optional.empty();
                }
                case WAITING -> {
                    if (!blocked(record)) {
                        return Optional.empty();
                    }
                    stuck = stuck.isPresent() ? stuck : Optional.of(record);
                }
                case FINISHED, FAILED, KILLED -> { }
            }
        }
        return stuck.map(record -> {
            ProcessRecord blocker = blocker(record).orElseThrow();
            return "process '" + record.name() + "' can never run: process '" + blocker.name()
                    + "' " + describe(blocker);
        });
    }

    private boolean blocked(ProcessRecord record) {
        return blocker(record).isPresent();
    }

    /** The first predecessor, direct or not, that failed or was killed. */
    private Optional<ProcessRecord> blocker(ProcessRecord record) {
        for (String name : graph.predecessorsOf(record.name())) {
            ProcessRecord before = records.get(name);
            switch (before.status()) {
                case FAILED, KILLED -> {
                    return Optional.of(before);
                }
                case WAITING -> {
                    Optional<ProcessRecord> deeper = blocker(before);
                    if (deeper.isPresent()) {
                        return deeper;
                    }
                }
                case RUNNING, FINISHED -> { }
            }
        }
        return Optional.empty();
    }

    private static String describe(ProcessRecord record) {
        return switch (record.status()) {
            case FAILED -> "failed: " + record.lastFailure();
            case KILLED -> "was killed";
            case WAITING, RUNNING, FINISHED -> "is " + record.status();
        };
    }
}
