package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Disk use of sandboxes: the bytes of the regular files under a directory, links not followed.
 *
 * <p>Walking a big sandbox is slow, so results are cached per directory for a fixed time (as
 * Thermos's observer collects disk use on a slower period than CPU). Thread-safe; two pages
 * asking at once may both walk, which is harmless.
 */
public final class DiskUsage {
    private record Cached(long bytes, long nanos) {}

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public DiskUsage(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = requireNonNull(ttl, "ttl is null").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** Bytes used under {@code dir}, at most the cache period old; null when it does not exist. */
    public Long bytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            cache.remove(dir);
            return null;
        }
        long now = nanoTime.getAsLong();
        Cached cached = cache.get(dir);
        if (cached != null && now - cached.nanos() < ttlNanos) {
            return cached.bytes();
        }
        long bytes = walk(dir);
        cache.put(dir, new Cached(bytes, now));
        return bytes;
    }

    private static long walk(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Files come and go while processes run; count what can be seen.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // walkFileTree reports per-file failures above; a failure here is the root vanishing.
        }
        return total[0];
    }
}
