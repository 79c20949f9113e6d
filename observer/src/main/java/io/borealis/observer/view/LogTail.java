package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

/**
 * The end of one log of one run.
 *
 * @param name {@code stdout} or {@code stderr}
 * @param path the log, relative to the sandbox
 * @param exists whether the log file exists
 * @param size the log's size in bytes
 * @param truncated the log is longer than {@code text} shows
 * @param text the tail, decoded as UTF-8
 */
public record LogTail(String name, String path, boolean exists, long size, boolean truncated,
        String text) {
    public LogTail {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }
}
