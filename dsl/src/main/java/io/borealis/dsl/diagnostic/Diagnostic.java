package io.borealis.dsl.diagnostic;

import static java.util.Objects.requireNonNull;

/**
 * One problem in a job file.
 *
 * @param path the field the problem is about ({@code jobs[0].task.processes[1].cmdline}), or
 *     {@code ""} when it concerns no field (a syntax error)
 * @param cause the exception behind the problem, shown only with {@code --verbose}; may be null
 */
public record Diagnostic(
        Severity severity, SourceLocation location, String path, String message, Throwable cause) {
    public Diagnostic {
        requireNonNull(severity, "severity is null");
        requireNonNull(location, "location is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    public static Diagnostic error(SourceLocation location, String path, String message) {
        return new Diagnostic(Severity.ERROR, location, path, message, null);
    }

    /**
     * The line users read: {@code FILE:LINE: path: message}, or {@code FILE:LINE: message} when
     * there is no path; warnings carry a {@code warning: } prefix before the path.
     */
    public String format() {
        String prefix = switch (severity) {
            case ERROR -> "";
            case WARNING -> "warning: ";
        };
        String subject = path.isEmpty() ? "" : path + ": ";
        return location + ": " + prefix + subject + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
