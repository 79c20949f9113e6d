package io.borealis.executor.resources;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.ResourceUsage;
import io.borealis.api.model.Resources;
import io.borealis.executor.launch.ProcTable;
import io.borealis.executor.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples what a task's processes use, every few seconds (the first sample one interval after
 * the start), on a thread of its own: CPU (from the
 * processes' user and system time in {@code /proc/PID/stat}), resident memory ({@code VmRSS}),
 * and the bytes of the files in the sandbox. The processes are those that carry the task's
 * {@code BOREALIS_TASK_ID}. Each sample is written to {@code TASK_ROOT/resources.json} for the
 * observer. The first time the task holds more resident memory than its {@code ram}, or more
 * sandbox bytes than its {@code disk}, the listener hears a message naming the limit (Aurora
 * killed without a word; we say what happened).
 *
 * <p>Threading: {@link #start} and {@link #close} from the runner thread; the listener is called
 * on the sampler's thread and must only hand the news over.
 */
public final class ResourceSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResourceSampler.class);
    private static final long MB = 1024 * 1024;
    /** USER_HZ: Linux reports process times in these ticks on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;

    /** Told once when the task goes over its ram or disk. */
    public interface Listener {
        void overLimit(String message);
    }

    private final String taskId;
    private final Path sandbox;
    private final Path output;
    private final Resources reserved;
    private final long intervalMillis;
    private final Clock clock;
    private final Listener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Map<Long, Long> previousTicks = Map.of();
    private long previousMillis;
    private boolean reported;

    public ResourceSampler(String taskId, Path sandbox, Path output, Resources reserved,
            Duration interval, Clock clock, Listener listener) {
        this.taskId = requireNonNull(taskId, "taskId is null");
        this.sandbox = requireNonNull(sandbox, "sandbox is null");
        this.output = requireNonNull(output, "output is null");
        this.reserved = requireNonNull(reserved, "reserved is null");
        this.intervalMillis = Math.max(50, interval.toMillis());
        this.clock = requireNonNull(clock, "clock is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    public void start() {
        Thread thread = new Thread(null, this::loop, "resource-sampler", 256 * 1024);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        stopped.countDown();
    }

    /**
     * Samples every interval, the first time one interval after {@link #start}: not at once, so
     * that the scan of {@code /proc} does not compete with the task's first fork (issue 4).
     */
    private void loop() {
        while (!await()) {
            try {
                ResourceUsage usage = sample();
                usage.write(output);
                if (!reported) {
                    check(usage);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("task {}: cannot sample its resources, will retry: {}", taskId,
                        e.toString());
            }
        }
    }

    private boolean await() {
        try {
            return stopped.await(intervalMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void check(ResourceUsage usage) {
        String message = null;
        if (usage.ramReservedBytes() > 0 && usage.ramBytes() > usage.ramReservedBytes()) {
            message = "memory limit exceeded: " + megabytes(usage.ramBytes()) + " resident > "
                    + megabytes(usage.ramReservedBytes()) + " reserved";
        } else if (usage.diskReservedBytes() > 0
                && usage.diskBytes() > usage.diskReservedBytes()) {
            message = "disk limit exceeded: " + megabytes(usage.diskBytes())
                    + " used in the sandbox > " + megabytes(usage.diskReservedBytes())
                    + " reserved";
        }
        if (message != null) {
            reported = true;
            listener.overLimit(message);
        }
    }

    private static String megabytes(long bytes) {
        return ((bytes + MB / 2) / MB) + " MB";
    }

    /** Takes one sample now. Sampler thread (or a test) only. */
    ResourceUsage sample() {
        long now = clock.millis();
        List<ProcTable.Entry> processes = ProcTable.scan(
                e -> taskId.equals(e.environment(Sandbox.TASK_ID_VARIABLE)));
        Map<Long, Long> ticks = new HashMap<>();
        long ram = 0;
        long newTicks = 0;
        for (ProcTable.Entry process : processes) {
            long[] stat = readStat(process.pid());
            if (stat == null) {
                continue;
            }
            ticks.put(process.pid(), stat[0]);
            newTicks += stat[0] - previousTicks.getOrDefault(process.pid(), 0L);
            ram += stat[1];
        }
        double elapsed = previousMillis == 0 ? 0 : (now - previousMillis) / 1000.0;
        double cpu = elapsed <= 0 ? 0 : newTicks / TICKS_PER_SECOND / elapsed;
        previousTicks = ticks;
        previousMillis = now;
        return new ResourceUsage(now, cpu, ram, diskBytes(), ticks.size(), reserved.cpu(),
                reserved.ramMb() * MB, reserved.diskMb() * MB);
    }

    /** {user+system ticks, resident bytes} of {@code pid}, or null when it is gone. */
    private static long[] readStat(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = 0;
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                    break;
                }
            }
            return new long[] {ticks, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private long diskBytes() {
        long[] total = {0};
        try {
            Files.walkFileTree(sandbox, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.debug("task {}: sandbox walk incomplete: {}", taskId, e.toString());
        }
        return total[0];
    }
}
