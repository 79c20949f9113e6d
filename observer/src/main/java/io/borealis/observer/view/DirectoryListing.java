package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A sandbox directory.
 *
 * @param path the directory, relative to the sandbox; empty for the sandbox itself
 * @param parent the parent directory's relative path, or null at the sandbox root
 */
public record DirectoryListing(String taskId, String path, String parent, List<Entry> entries) {
    public DirectoryListing {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(path, "path is null");
        entries = List.copyOf(entries);
    }

    /**
     * One entry.
     *
     * @param path the entry's path relative to the sandbox, for links
     */
    public record Entry(String name, String path, boolean directory, boolean symlink, long size,
            long modifiedMillis) {
        public Entry {
            requireNonNull(name, "name is null");
            requireNonNull(path, "path is null");
        }
    }
}
