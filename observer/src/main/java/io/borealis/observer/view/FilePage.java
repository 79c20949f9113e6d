package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

/**
 * One page of a sandbox file, as text.
 *
 * @param path the file, relative to the sandbox
 * @param size the file's size when it was read
 * @param offset where the page starts, in bytes
 * @param length how many bytes the page shows
 * @param text the bytes decoded as UTF-8 (malformed bytes replaced)
 * @param previousOffset where the previous page starts, or null at the start of the file
 * @param nextOffset where the next page starts, or null at the end of the file
 * @param follow the page refreshes itself to keep showing the end of the file
 */
public record FilePage(
        String taskId,
        String path,
        long size,
        long offset,
        int length,
        String text,
        Long previousOffset,
        Long nextOffset,
        boolean follow) {
    public FilePage {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }

    /** The directory holding the file, relative to the sandbox; empty for the sandbox itself. */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Where this page ends. */
    public long end() {
        return offset + length;
    }
}
