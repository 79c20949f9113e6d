package io.borealis.api.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's state as replayed from its checkpoint log: the header, the latest task state and
 * every run of every process. Immutable; build one with {@link #replay}.
 *
 * @param header null until the executor has written it
 * @param state null until the executor has recorded the first task state
 * @param processes process name to its runs, in the order processes first appeared
 * @param healthy the latest {@link CheckpointRecord.Health} verdict; null when the log holds none
 * @param healthMessage the message of that verdict; may be null
 */
public record CheckpointState(
        CheckpointRecord.Header header,
        TaskState state,
        String message,
        long lastSeq,
        long lastTimestamp,
        Map<String, List<ProcessRun>> processes,
        Boolean healthy,
        String healthMessage) {

    /** One run of a process, as far as the log tells. Times are epoch millis, 0 when unknown. */
    public record ProcessRun(
            String process,
            int run,
            ProcessState state,
            Long pid,
            Integer exitCode,
            long startTime,
            long stopTime,
            String message) {}

    public static CheckpointState replay(List<CheckpointRecord> records) {
        CheckpointRecord.Header header = null;
        TaskState state = null;
        String message = null;
        long lastSeq = 0;
        long lastTimestamp = 0;
        Map<String, List<ProcessRun>> processes = new LinkedHashMap<>();
        Boolean healthy = null;
        String healthMessage = null;
        for (CheckpointRecord record : records) {
            lastSeq = record.seq();
            lastTimestamp = record.timestamp();
            if (record instanceof CheckpointRecord.Header h) {
                header = h;
            } else if (record instanceof CheckpointRecord.TaskUpdate t) {
                state = t.state();
                message = t.message();
            } else if (record instanceof CheckpointRecord.Health h) {
                healthy = h.healthy();
                healthMessage = h.message();
            } else if (record instanceof CheckpointRecord.ProcessUpdate p) {
                List<ProcessRun> runs = processes.computeIfAbsent(p.process(), k -> new ArrayList<>());
                ProcessRun previous = runs.stream().filter(r -> r.run() == p.run()).findFirst().orElse(null);
                long start = previous != null ? previous.startTime() : 0;
                if (p.state() == ProcessState.RUNNING) {
                    start = p.timestamp();
                }
                ProcessRun next = new ProcessRun(p.process(), p.run(), p.state(),
                        p.pid() != null ? p.pid() : previous != null ? previous.pid() : null,
                        p.exitCode(),
                        start,
                        p.state().isTerminal() ? p.timestamp() : 0,
                        p.message());
                if (previous != null) {
                    runs.set(runs.indexOf(previous), next);
                } else {
                    runs.add(next);
                }
            }
        }
        Map<String, List<ProcessRun>> frozen = new LinkedHashMap<>();
        processes.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new CheckpointState(header, state, message, lastSeq, lastTimestamp,
                Collections.unmodifiableMap(frozen), healthy, healthMessage);
    }

    /**
     * Whether the task counts as healthy: its executor said so, or it wrote no health record at
     * all (no verdict means no health check, as with executors that predate health records).
     */
    public boolean isHealthy() {
        return healthy == null || healthy;
    }

    /** The latest run of {@code process}, if it has one. */
    public Optional<ProcessRun> latestRun(String process) {
        List<ProcessRun> runs = processes.getOrDefault(process, List.of());
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
