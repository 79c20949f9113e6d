package io.borealis.dsl.script;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Runs Groovy's compiler without letting its parser print to stderr. On some lexer errors
 * (for example {@code "$(date)"} in double quotes) ANTLR prints
 * {@code unknown recognition error type: ...} to {@code System.err} besides raising the error we
 * report properly. Compilations are serialised because {@code System.err} is global; anything
 * else written to stderr meanwhile is passed through afterwards.
 */
final class Compilation {
    private static final Object LOCK = new Object();
    private static final String ANTLR_NOISE = "unknown recognition error type:";

    private Compilation() {}

    static <T> T quietly(Supplier<T> compile) {
        synchronized (LOCK) {
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                return compile.get();
            } finally {
                System.setErr(original);
                captured.toString(StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.startsWith(ANTLR_NOISE))
                        .forEach(original::println);
            }
        }
    }
}
