package io.borealis.observer.web;

import io.borealis.observer.checkpoint.Sandbox;
import io.borealis.observer.checkpoint.SandboxException;
import io.borealis.observer.view.LogTail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the end of a run's log through the task's {@link Sandbox}: the long tail the process
 * page shows ({@link #FULL_BYTES}) and the brief one under each process on the task page (the
 * last {@link #BRIEF_LINES} lines within the last {@link #BRIEF_BYTES}). A log that is missing,
 * or whose path the sandbox refuses, reads as a tail that does not exist. Stateless.
 */
final class LogTails {
    /** How much of each log the process page shows. */
    static final int FULL_BYTES = 64 * 1024;
    /** How much of a log the task page reads, at most, per process. */
    static final int BRIEF_BYTES = 4 * 1024;
    /** How many lines of a log the task page shows, at most, per process. */
    static final int BRIEF_LINES = 20;

    private LogTails() {}

    /** The last {@link #FULL_BYTES} of the log at {@code relativePath}. */
    static LogTail full(Sandbox sandbox, String name, String relativePath) {
        Path file = file(sandbox, relativePath);
        if (file == null) {
            return missing(name, relativePath);
        }
        Sandbox.Chunk chunk = sandbox.tail(file, FULL_BYTES);
        return new LogTail(name, relativePath, true, chunk.size(), chunk.offset() > 0,
                new String(chunk.bytes(), StandardCharsets.UTF_8));
    }

    /** The last {@link #BRIEF_LINES} lines within the last {@link #BRIEF_BYTES} of the log. */
    static LogTail brief(Sandbox sandbox, String name, String relativePath) {
        Path file = file(sandbox, relativePath);
        if (file == null) {
            return missing(name, relativePath);
        }
        Sandbox.Chunk chunk = sandbox.tail(file, BRIEF_BYTES);
        String text = new String(chunk.bytes(), StandardCharsets.UTF_8);
        String shown = lastLines(text, chunk.offset() > 0, BRIEF_LINES);
        return new LogTail(name, relativePath, true, chunk.size(),
                chunk.offset() > 0 || shown.length() < text.length(), shown);
    }

    /**
     * The last {@code maxLines} lines of {@code text} (a final newline ends the last line, it
     * does not start another). When {@code cutAtStart}, the text begins somewhere inside the
     * log, so its first line (and any character cut in half) is dropped, unless it is the only
     * line.
     */
    static String lastLines(String text, boolean cutAtStart, int maxLines) {
        int start = 0;
        if (cutAtStart) {
            int firstNewline = text.indexOf('\n');
            if (firstNewline >= 0 && firstNewline < text.length() - 1) {
                start = firstNewline + 1;
            }
        }
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int lines = 0;
        for (int i = end - 1; i >= start; i--) {
            if (text.charAt(i) == '\n' && ++lines == maxLines) {
                start = i + 1;
                break;
            }
        }
        return text.substring(start);
    }

    private static Path file(Sandbox sandbox, String relativePath) {
        try {
            Path file = sandbox.resolve(Arrays.asList(relativePath.split("/")));
            return Files.isRegularFile(file) ? file : null;
        } catch (SandboxException e) {
            return null;
        }
    }

    private static LogTail missing(String name, String relativePath) {
        return new LogTail(name, relativePath, false, 0, false, "");
    }
}
