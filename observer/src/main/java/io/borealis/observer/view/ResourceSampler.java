package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Measures CPU and resident memory of process trees from {@code /proc}.
 *
 * <p>CPU is a rate, so it needs two readings: the sampler remembers the last reading of every
 * process it has measured and reports the use between that reading and this one (readings
 * closer than a second apart reuse the previous rate). A process seen for the first time gets
 * its average over its life so far. Thread-safe: pages measure concurrently; the shared state is
 * a concurrent map of readings, pruned of processes that no longer exist.
 */
public final class ResourceSampler {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    /** A process's CPU ticks at one moment, and the rate computed then. */
    private record Reading(long startTicks, long cpuTicks, long nanos, double cores) {}

    private final Path procRoot;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<Long, Reading> readings = new ConcurrentHashMap<>();

    public ResourceSampler(Path procRoot, Clock clock, LongSupplier nanoTime) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** A sampler of this host's {@code /proc}. */
    public static ResourceSampler ofHost(Clock clock) {
        return new ResourceSampler(Path.of("/proc"), clock, System::nanoTime);
    }

    /** Reads the process table now; one snapshot serves one page. */
    public ProcTable snapshot() {
        ProcTable table = ProcTable.read(procRoot, clock.millis());
        readings.keySet().removeIf(pid -> table.stat(pid) == null);
        return table;
    }

    /**
     * The use of {@code roots} and all their descendants, each process counted once. Roots that
     * are not live in {@code table} contribute nothing; with no live process at all the result
     * is {@link ResourceUse#NONE}.
     */
    public ResourceUse measure(ProcTable table, Collection<Long> roots) {
        Set<Long> pids = new LinkedHashSet<>();
        roots.forEach(root -> pids.addAll(table.tree(root)));
        if (pids.isEmpty()) {
            return ResourceUse.NONE;
        }
        double cores = 0;
        long rss = 0;
        long now = nanoTime.getAsLong();
        for (long pid : pids) {
            ProcTable.Stat stat = table.stat(pid);
            cores += cores(pid, stat, table, now);
            rss += Math.max(0, table.rssBytes(pid));
        }
        return ResourceUse.measured(cores, rss, null, pids.size());
    }

    private double cores(long pid, ProcTable.Stat stat, ProcTable table, long now) {
        Reading previous = readings.get(pid);
        if (previous != null && previous.startTicks() == stat.startTicks()) {
            long elapsed = now - previous.nanos();
            if (elapsed < MIN_INTERVAL_NANOS) {
                return previous.cores();
            }
            double used = (stat.cpuTicks() - previous.cpuTicks()) / (double) ProcTable.HZ;
            double rate = Math.max(0, used / (elapsed / 1e9));
            readings.put(pid, new Reading(stat.startTicks(), stat.cpuTicks(), now, rate));
            return rate;
        }
        double lived = table.uptimeSeconds() - stat.startTicks() / (double) ProcTable.HZ;
        double rate = lived <= 0 ? 0 : stat.cpuTicks() / (double) ProcTable.HZ / lived;
        readings.put(pid, new Reading(stat.startTicks(), stat.cpuTicks(), now, rate));
        return rate;
    }
}
