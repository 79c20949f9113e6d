package io.borealis.scheduler.backup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where backups go and how often ({@code --backup-dir}, {@code --backup-interval},
 * {@code --max-saved-backups}; Aurora's {@code -backup_dir}, {@code -backup_interval} 1 h and
 * {@code -max_saved_backups} 48).
 *
 * @param dir the directory backups are written to (created if missing)
 * @param interval time between periodic backups
 * @param maxSaved how many backups are kept; older ones are deleted after each backup
 */
public record BackupSettings(Path dir, Duration interval, int maxSaved) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_MAX_SAVED = 48;
    /** Most backups one directory may keep. */
    public static final int MAX_MAX_SAVED = 10_000;

    public BackupSettings {
        requireNonNull(dir, "dir is null");
        requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("backup interval must be positive, got "
                    + interval);
        }
        if (maxSaved < 1 || maxSaved > MAX_MAX_SAVED) {
            throw new IllegalArgumentException("max saved backups must be 1-" + MAX_MAX_SAVED
                    + ", got " + maxSaved);
        }
    }

    /** {@code HOME/backups}, every hour, 48 kept. */
    public static BackupSettings defaults(Path home) {
        return new BackupSettings(home.resolve("backups"), DEFAULT_INTERVAL, DEFAULT_MAX_SAVED);
    }

    public BackupSettings withDir(Path newDir) {
        return new BackupSettings(newDir, interval, maxSaved);
    }

    public BackupSettings withInterval(Duration newInterval) {
        return new BackupSettings(dir, newInterval, maxSaved);
    }

    public BackupSettings withMaxSaved(int newMaxSaved) {
        return new BackupSettings(dir, interval, newMaxSaved);
    }
}
