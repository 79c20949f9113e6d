package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One process of a task: its configuration (when {@code task.json} names it) and its runs,
 * oldest first.
 *
 * @param cmdline the command line from {@code task.json}, or null when the process is not there
 * @param state the latest run's state, or {@code WAITING} before the first run
 * @param resources the latest run's use, {@link ResourceUse#NONE} when it is not running
 */
public record ProcessView(
        String name,
        String cmdline,
        String state,
        boolean daemon,
        boolean ephemeral,
        boolean isFinal,
        List<RunView> runs,
        ResourceUse resources) {
    public ProcessView {
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        runs = List.copyOf(runs);
        requireNonNull(resources, "resources is null");
    }

    /** The latest run, or null before the first. */
    public RunView latestRun() {
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }
}
