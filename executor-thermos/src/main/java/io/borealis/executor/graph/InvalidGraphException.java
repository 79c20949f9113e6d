package io.borealis.executor.graph;

import java.util.List;

/**
 * A task's processes or order constraints cannot be run. The message lists every problem found,
 * each naming the processes involved.
 */
public final class InvalidGraphException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidGraphException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
