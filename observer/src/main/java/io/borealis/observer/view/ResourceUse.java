package io.borealis.observer.view;

/**
 * What a task or process uses now, and where the figures come from. A null figure was not
 * measured (nothing is running, or the host does not expose it).
 *
 * @param cpuCores CPU in cores (1.0 = one core busy), averaged since the previous sample or, on
 *     the first sample, over the process's life
 * @param rssBytes resident memory of the processes and their descendants
 * @param diskBytes bytes of regular files in the sandbox (links not followed)
 * @param processCount live OS processes counted
 * @param executorSample the executor's sample ({@code resources.json}) these figures were taken
 *     from, or null when the observer measured them itself from {@code /proc} and the sandbox
 */
public record ResourceUse(Double cpuCores, Long rssBytes, Long diskBytes, int processCount,
        ExecutorSample executorSample) {
    public static final ResourceUse NONE = new ResourceUse(null, null, null, 0, null);

    /**
     * When the executor took the sample a {@link ResourceUse} shows.
     *
     * @param timestamp when the executor took it, epoch millis
     * @param ageMillis how old it was when the page was built (0 when its clock is ahead)
     */
    public record ExecutorSample(long timestamp, long ageMillis) {
        /** The age in whole seconds, for "sampled N s ago". */
        public long ageSeconds() {
            return ageMillis / 1000;
        }
    }

    /** Figures the observer measured itself. */
    public static ResourceUse measured(Double cpuCores, Long rssBytes, Long diskBytes,
            int processCount) {
        return new ResourceUse(cpuCores, rssBytes, diskBytes, processCount, null);
    }

    public ResourceUse withDiskBytes(Long bytes) {
        return new ResourceUse(cpuCores, rssBytes, bytes, processCount, executorSample);
    }

    /**
     * The sum of two of the observer's own measurements; a figure is null only when it is null
     * in both. The sum has no executor sample.
     */
    public ResourceUse plus(ResourceUse other) {
        return measured(add(cpuCores, other.cpuCores), add(rssBytes, other.rssBytes),
                add(diskBytes, other.diskBytes), processCount + other.processCount);
    }

    private static Double add(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }

    private static Long add(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
