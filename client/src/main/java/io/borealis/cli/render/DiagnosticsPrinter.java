package io.borealis.cli.render;

import io.borealis.dsl.diagnostic.Diagnostic;
import io.borealis.dsl.script.Evaluation;
import java.io.PrintWriter;

/**
 * Prints a job file's problems, one {@code FILE:LINE: path: message} a line, then a count.
 * With {@code verbose}, each problem's underlying exception follows it.
 */
public final class DiagnosticsPrinter {
    private DiagnosticsPrinter() {}

    public static void print(PrintWriter err, Evaluation evaluation, boolean verbose) {
        for (Diagnostic diagnostic : evaluation.diagnostics()) {
            err.println(diagnostic.format());
            if (verbose && diagnostic.cause() != null) {
                diagnostic.cause().printStackTrace(err);
            }
        }
        long errors = evaluation.errorCount();
        err.println(errors + (errors == 1 ? " error" : " errors") + " in "
                + evaluation.fileName());
        err.flush();
    }
}
