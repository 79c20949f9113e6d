package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

/**
 * The process page: one process of one task, one of its runs in detail.
 *
 * @param run the run shown (the latest unless one was asked for), or null before the first run
 * @param stdout the shown run's stdout tail, or null without a run
 * @param stderr the shown run's stderr tail, or null without a run
 */
public record ProcessPage(TaskSummary task, ProcessView process, RunView run, LogTail stdout,
        LogTail stderr) {
    public ProcessPage {
        requireNonNull(task, "task is null");
        requireNonNull(process, "process is null");
    }
}
