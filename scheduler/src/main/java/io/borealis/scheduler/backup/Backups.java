package io.borealis.scheduler.backup;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.StateTables;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup directory: takes backups (on demand and every {@link BackupSettings#interval}),
 * lists them, keeps the newest {@link BackupSettings#maxSaved}, and opens one by name.
 *
 * <p>A backup is one {@link StateTables#snapshot} (an MVCC snapshot: writes go on meanwhile)
 * written with {@link BackupFormat} to a temporary file, forced to disk, and renamed to its
 * name: a backup that is listed is complete, and a crash leaves at most a temporary file,
 * removed at the next start. Backups are taken one at a time. Thread-safe.
 */
public final class Backups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private final StateTables tables;
    private final BackupSettings settings;
    private final Clock clock;
    private final Path dir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "backups");
                thread.setDaemon(true);
                return thread;
            });

    public Backups(StateTables tables, BackupSettings settings, Clock clock) {
        this.tables = requireNonNull(tables, "tables is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.dir = settings.dir().toAbsolutePath().normalize();
    }

    public BackupSettings settings() {
        return settings;
    }

    /** Creates the directory, removes temporary files a crash left, and starts the timer. */
    public void start() {
        createDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> isTemp(f.getFileName().toString())).toList()) {
                Files.deleteIfExists(file);
                LOG.info("removed {}, left by a backup that did not finish", file);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean the backup directory {}: {}", dir, e.getMessage());
        }
        long every = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::performQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private static boolean isTemp(String name) {
        return name.startsWith("." + BackupNames.PREFIX) && name.endsWith(TEMP_SUFFIX);
    }

    private void performQuietly() {
        try {
            perform();
        } catch (RuntimeException e) {
            // Tried again at the next interval; an operator should look at why.
            LOG.error("periodic backup failed", e);
        }
    }

    /**
     * Takes a backup now and returns it; then deletes the oldest beyond the number kept.
     *
     * @throws PlatformException INTERNAL when the backup cannot be written (nothing is listed)
     */
    public synchronized Backup perform() {
        createDirectory();
        long started = clock.millis();
        String name = freeName(started);
        Path temp = dir.resolve("." + name + TEMP_SUFFIX);
        Path file = dir.resolve(name);
        BackupFormat.Written written;
        long nanos = System.nanoTime();
        try (StateTables.Reader source = tables.snapshot()) {
            written = BackupFormat.write(source, started, forcedOnClose(temp));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e instanceof PlatformException p ? p : new PlatformException(
                    ErrorCode.INTERNAL, "backup failed: " + e, e);
        }
        Backup backup = new Backup(name, started, size(file));
        LOG.info("backup {}: {} rows in {} tables, {} bytes, {} ms", name,
                written.rowsPerTable().values().stream().mapToLong(Long::longValue).sum(),
                written.rowsPerTable().size(), backup.sizeBytes(),
                (System.nanoTime() - nanos) / 1_000_000);
        prune();
        return backup;
    }

    private String freeName(long millis) {
        for (int n = 0; ; n++) {
            String name = BackupNames.name(millis, n);
            if (!Files.exists(dir.resolve(name))) {
                return name;
            }
        }
    }

    /** A new file whose stream, when closed, is first forced to disk. */
    private static OutputStream forcedOnClose(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                try (channel) {
                    out.flush();
                    channel.force(true);
                }
            }
        };
    }

    private void prune() {
        List<Backup> all = list();
        for (Backup old : all.subList(0, Math.max(0, all.size() - settings.maxSaved()))) {
            deleteQuietly(dir.resolve(old.id()));
            LOG.info("backup {} deleted: {} are kept", old.id(), settings.maxSaved());
        }
    }

    /** Every backup in the directory, oldest first. */
    public List<Backup> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Backup> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Optional<Long> timestamp = BackupNames.timestamp(name);
                if (timestamp.isPresent() && Files.isRegularFile(file)) {
                    backups.add(new Backup(name, timestamp.get(), size(file)));
                }
            }
        } catch (IOException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot list the backup directory: " + e.getMessage(), e);
        }
        backups.sort(Comparator.comparingLong(Backup::timestamp).thenComparing(Backup::id));
        return backups;
    }

    /**
     * Opens the backup named {@code id} for reading (the caller closes the reader).
     *
     * @throws PlatformException INVALID_REQUEST when {@code id} is not a backup name, names
     *     none in the directory, or the file's header is not a backup's
     */
    public StateTables.Reader open(String id) {
        String name = BackupNames.check(id);
        Path file = dir.resolve(name).normalize();
        // The grammar allows no path character; this holds whatever the grammar becomes.
        if (!dir.equals(file.getParent())) {
            throw PlatformException.invalid("backup id '" + id + "' is not a backup name");
        }
        InputStream in;
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(name);
            }
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw PlatformException.invalid("there is no backup " + name
                    + " (listBackups lists them)");
        }
        return BackupFormat.read(name, in);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private void createDirectory() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot create the backup directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    /** Stops the timer; a backup being written is finished first (at most a minute). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
