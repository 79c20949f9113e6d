package io.borealis.dsl.script;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.dsl.diagnostic.Diagnostic;
import io.borealis.dsl.diagnostic.Severity;
import java.util.List;

/**
 * What evaluating one job file produced: its jobs when it has no error, else every problem found
 * (sorted by line) and no jobs at all.
 */
public record Evaluation(String fileName, List<JobConfiguration> jobs,
        List<Diagnostic> diagnostics) {
    public Evaluation {
        requireNonNull(fileName, "fileName is null");
        jobs = List.copyOf(jobs);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public long errorCount() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }
}
