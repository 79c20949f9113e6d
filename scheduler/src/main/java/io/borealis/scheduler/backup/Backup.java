package io.borealis.scheduler.backup;

import static java.util.Objects.requireNonNull;

/**
 * One stored backup.
 *
 * @param id its name, the file's name in the backup directory ({@link BackupNames})
 * @param timestamp when it was taken, epoch millis (from its name)
 * @param sizeBytes the file's size, compressed
 */
public record Backup(String id, long timestamp, long sizeBytes) {
    public Backup {
        requireNonNull(id, "id is null");
    }
}
