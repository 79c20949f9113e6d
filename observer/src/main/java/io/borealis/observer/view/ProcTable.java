package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A snapshot of the host's process table, read from {@code /proc/PID/stat}, with memory read
 * lazily from {@code /proc/PID/status}.
 *
 * <p>Built once per page by {@link #read} and then used from that one request thread. Processes
 * that exit while the snapshot is read are simply absent. On a host without {@code /proc} the
 * snapshot is empty and nothing is measured.
 */
public final class ProcTable {
    /**
     * Clock ticks per second in {@code /proc} (USER_HZ). Linux has fixed it at 100 on every
     * mainstream architecture, and Java cannot ask sysconf(_SC_CLK_TCK).
     */
    static final long HZ = 100;

    /** One process: CPU ticks used (user + system) and start time in ticks since boot. */
    record Stat(long pid, long ppid, long cpuTicks, long startTicks) {}

    private final Path procRoot;
    private final Map<Long, Stat> stats;
    private final Map<Long, List<Long>> children;
    private final double uptimeSeconds;
    private final long nowMillis;

    private ProcTable(Path procRoot, Map<Long, Stat> stats, double uptimeSeconds, long nowMillis) {
        this.procRoot = procRoot;
        this.stats = stats;
        this.uptimeSeconds = uptimeSeconds;
        this.nowMillis = nowMillis;
        this.children = new HashMap<>();
        stats.values().forEach(s -> children.computeIfAbsent(s.ppid(), k -> new ArrayList<>())
                .add(s.pid()));
    }

    /** Reads every process under {@code procRoot} (normally {@code /proc}). */
    public static ProcTable read(Path procRoot, long nowMillis) {
        requireNonNull(procRoot, "procRoot is null");
        Map<Long, Stat> stats = new HashMap<>();
        double uptime = 0;
        try {
            uptime = Double.parseDouble(Files.readString(procRoot.resolve("uptime"))
                    .trim().split("\\s+")[0]);
            try (Stream<Path> entries = Files.list(procRoot)) {
                entries.map(p -> p.getFileName().toString())
                        .filter(name -> name.chars().allMatch(Character::isDigit))
                        .forEach(name -> readStat(procRoot, name)
                                .ifPresent(stat -> stats.put(stat.pid(), stat)));
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (or an unexpected one): measure nothing rather than fail the page.
            stats.clear();
        }
        return new ProcTable(procRoot, stats, uptime, nowMillis);
    }

    private static Optional<Stat> readStat(Path procRoot, String pid) {
        try {
            String line = Files.readString(procRoot.resolve(pid).resolve("stat"),
                    StandardCharsets.UTF_8);
            // Field 2 (comm) is in parentheses and may hold spaces and ')'; fields after the last
            // ')' are fixed: state ppid ... utime(14) stime(15) ... starttime(22).
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            return Optional.of(new Stat(Long.parseLong(pid), Long.parseLong(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean isEmpty() {
        return stats.isEmpty();
    }

    Stat stat(long pid) {
        return stats.get(pid);
    }

    double uptimeSeconds() {
        return uptimeSeconds;
    }

    /**
     * Whether {@code pid} is a live process that started no later than {@code notAfterMillis}
     * (plus a little slack for clock rounding); a later start means the pid was reused.
     * {@code notAfterMillis <= 0} skips the start-time check.
     */
    public boolean isLive(long pid, long notAfterMillis) {
        Stat stat = stats.get(pid);
        if (stat == null) {
            return false;
        }
        if (notAfterMillis <= 0) {
            return true;
        }
        long bootMillis = nowMillis - (long) (uptimeSeconds * 1000);
        long startMillis = bootMillis + stat.startTicks() * 1000 / HZ;
        return startMillis <= notAfterMillis + 5_000;
    }

    /** {@code pid} and all its live descendants, parents before children. */
    public List<Long> tree(long pid) {
        List<Long> tree = new ArrayList<>();
        if (!stats.containsKey(pid)) {
            return tree;
        }
        Deque<Long> queue = new ArrayDeque<>();
        queue.add(pid);
        while (!queue.isEmpty() && tree.size() < 100_000) {
            long next = queue.removeFirst();
            tree.add(next);
            queue.addAll(children.getOrDefault(next, List.of()));
        }
        return tree;
    }

    /** Resident memory of {@code pid} in bytes ({@code VmRSS}), or -1 when unreadable. */
    public long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(procRoot.resolve(Long.toString(pid))
                    .resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
            return 0; // Kernel threads and zombies have no VmRSS line.
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
