package io.borealis.dsl.diagnostic;

import static java.util.Objects.requireNonNull;

/**
 * A line in a job file. Line numbers start at 1; a problem that belongs to the file as a whole
 * (for example a missing {@code jobs} list) is reported at line 1.
 */
public record SourceLocation(String file, int line) {
    public SourceLocation {
        requireNonNull(file, "file is null");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
    }

    /** The whole file, reported at its first line. */
    public static SourceLocation fileLevel(String file) {
        return new SourceLocation(file, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
