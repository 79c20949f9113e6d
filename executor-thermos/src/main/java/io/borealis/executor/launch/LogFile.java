package io.borealis.executor.launch;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One log file of a run, appended to by a {@link LogPump}; with a {@link LogRotation} it never
 * grows past the rotation's size: what does not fit goes to a fresh file after rotating
 * ({@code stdout} becomes {@code stdout.1}, {@code stdout.1} becomes {@code stdout.2}, and so
 * on up to the number of backups). Used by one pump thread only.
 */
final class LogFile implements AutoCloseable {
    private final Path path;
    private final LogRotation rotation;
    private OutputStream out;
    private long size;

    /** @param rotation null for an unbounded file */
    LogFile(Path path, LogRotation rotation) throws IOException {
        this.path = path;
        this.rotation = rotation;
        this.out = new FileOutputStream(path.toFile(), true);
        this.size = Files.size(path);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int chunk = length;
            if (rotation != null) {
                if (size >= rotation.maxBytes()) {
                    rotate();
                }
                chunk = (int) Math.min(length, rotation.maxBytes() - size);
            }
            out.write(bytes, offset, chunk);
            size += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (rotation.backups() > 0) {
            Files.deleteIfExists(backup(rotation.backups()));
            for (int i = rotation.backups() - 1; i >= 1; i--) {
                if (Files.exists(backup(i))) {
                    Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, backup(1), StandardCopyOption.REPLACE_EXISTING);
        }
        out = new FileOutputStream(path.toFile(), false);
        size = 0;
    }

    private Path backup(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
