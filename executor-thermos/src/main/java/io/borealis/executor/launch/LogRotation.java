package io.borealis.executor.launch;

/**
 * Thermos's {@code rotate} logger mode: a log file that would grow past {@code maxBytes} is
 * renamed to {@code NAME.1} (older ones shift to {@code NAME.2} ... {@code NAME.BACKUPS}, the
 * oldest is deleted) and a new one is started. With no backups the file is truncated instead.
 */
public record LogRotation(long maxBytes, int backups) {
    public LogRotation {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("log_size must be positive, not " + maxBytes);
        }
        if (backups < 0) {
            throw new IllegalArgumentException("backups must not be negative, not " + backups);
        }
    }
}
