package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Resources;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the task page shows about one task.
 *
 * @param summary the task-list line of this task
 * @param message the checkpoint's latest task message, or null
 * @param problem why {@code task.json} could not be read, or null
 * @param host the host the executor recorded, or null before its header
 * @param user the user the executor recorded, or null
 * @param executorPid the executor's pid, or null before its header
 * @param executorAlive whether that pid is a live process on this host now
 * @param lastUpdate epoch millis of the latest checkpoint record, 0 when none
 * @param requested the resources the task asked for, or null when {@code task.json} is unreadable
 * @param ports the assigned ports by name
 */
public record TaskView(
        TaskSummary summary,
        String message,
        String problem,
        String host,
        String user,
        Long executorPid,
        boolean executorAlive,
        long lastUpdate,
        Resources requested,
        Map<String, Integer> ports,
        List<ProcessView> processes) {
    public TaskView {
        requireNonNull(summary, "summary is null");
        ports = Collections.unmodifiableMap(new TreeMap<>(ports));
        processes = List.copyOf(processes);
    }

    public String taskId() {
        return summary.taskId();
    }

    /** The process called {@code name}, or null. */
    public ProcessView process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
