package io.borealis.dsl.diagnostic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one evaluation, in the order they were found. Not thread-safe: one
 * evaluation runs on one thread. A problem reported twice (same place, path and message) is kept
 * once, so that a struct shared by two jobs does not print the same error twice.
 */
public final class Diagnostics {
    private final List<Diagnostic> found = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        boolean seen = found.stream().anyMatch(d -> d.location().equals(diagnostic.location())
                && d.path().equals(diagnostic.path())
                && d.message().equals(diagnostic.message()));
        if (!seen) {
            found.add(diagnostic);
        }
    }

    public void error(SourceLocation location, String path, String message) {
        add(Diagnostic.error(location, path, message));
    }

    /** How many errors were found so far; a builder compares it before and after one part. */
    public long errorCount() {
        return found.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** Every problem, sorted by line (stable: same line keeps discovery order). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(found);
        copy.sort(Comparator.comparingInt(d -> d.location().line()));
        return List.copyOf(copy);
    }
}
