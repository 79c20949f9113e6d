package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The task page: the task, and under each of its processes the end of its latest run's stdout.
 *
 * @param outputs one per process of {@code task}, in the same order
 */
public record TaskPage(TaskView task, List<Output> outputs) {
    public TaskPage {
        requireNonNull(task, "task is null");
        outputs = List.copyOf(outputs);
    }

    /**
     * The end of one process's latest stdout.
     *
     * @param process the process's name
     * @param run the latest run's number, or null before the first run
     * @param stdout the end of that run's stdout, or null before the first run
     */
    public record Output(String process, Integer run, LogTail stdout) {
        public Output {
            requireNonNull(process, "process is null");
        }

        /** Whether there is anything to show: a run whose stdout holds at least one byte. */
        public boolean hasText() {
            return stdout != null && stdout.exists() && stdout.size() > 0;
        }
    }
}
