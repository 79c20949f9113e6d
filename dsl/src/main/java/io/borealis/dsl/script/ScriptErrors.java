package io.borealis.dsl.script;

import groovy.lang.MissingPropertyException;
import io.borealis.dsl.diagnostic.Diagnostic;
import io.borealis.dsl.diagnostic.Diagnostics;
import io.borealis.dsl.diagnostic.Severity;
import io.borealis.dsl.diagnostic.SourceLocation;
import io.borealis.api.validation.Suggestions;
import io.borealis.dsl.spec.Schemas;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Turns what Groovy throws into diagnostics at the user's line: compilation errors (one per
 * message, with a hint for shell commands in double quotes) and the exception that stopped a
 * running file. No Groovy stack trace reaches the user; the exception is kept as the cause.
 */
final class ScriptErrors {
    private static final String DOUBLE_QUOTE_HINT = " (in double quotes Groovy reads '$' as the "
            + "start of an interpolation: write shell commands in single quotes, '...' or "
            + "'''...''')";

    private ScriptErrors() {}

    static void compilation(MultipleCompilationErrorsException e, String fileName, String text,
            Diagnostics diagnostics) {
        String[] lines = text.split("\n", -1);
        for (Message message : e.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                int line = Math.max(1, cause.getStartLine());
                String hint = line <= lines.length && doubleQuotedDollarParen(lines[line - 1])
                        ? DOUBLE_QUOTE_HINT : "";
                diagnostics.add(new Diagnostic(Severity.ERROR, new SourceLocation(fileName, line),
                        "", "syntax error: " + firstLine(cause.getOriginalMessage()) + hint,
                        cause));
            } else if (message instanceof ExceptionMessage exception) {
                diagnostics.add(new Diagnostic(Severity.ERROR, SourceLocation.fileLevel(fileName),
                        "", "cannot compile: " + exception.getCause().getMessage(),
                        exception.getCause()));
            } else {
                diagnostics.add(new Diagnostic(Severity.ERROR, SourceLocation.fileLevel(fileName),
                        "", "cannot compile: " + message, e));
            }
        }
    }

    /** The exception that stopped the file while it ran, at the innermost line of the file. */
    static void runtime(Throwable t, String sourceName, String fileName, Set<String> variables,
            Diagnostics diagnostics) {
        SourceLocation where = Arrays.stream(t.getStackTrace())
                .filter(f -> sourceName.equals(f.getFileName()) && f.getLineNumber() > 0)
                .findFirst()
                .map(f -> new SourceLocation(fileName, f.getLineNumber()))
                .orElse(SourceLocation.fileLevel(fileName));
        String message;
        if (t instanceof MissingPropertyException missing && missing.getType() != null
                && JobScript.class.isAssignableFrom(missing.getType())) {
            Set<String> known = new TreeSet<>(variables);
            known.addAll(Schemas.names());
            message = "unknown name '" + missing.getProperty() + "'."
                    + Suggestions.didYouMean(missing.getProperty(), known);
        } else if (t instanceof MissingPropertyException missing) {
            message = missing.getMessageWithoutLocationText();
        } else {
            message = "the file failed: " + t;
        }
        diagnostics.add(new Diagnostic(Severity.ERROR, where, "", message, t));
    }

    private static boolean doubleQuotedDollarParen(String line) {
        int quote = line.indexOf('"');
        return quote >= 0 && line.indexOf("$(", quote) > quote;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
