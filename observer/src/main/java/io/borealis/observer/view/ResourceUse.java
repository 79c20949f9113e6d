package io.borealis.observer.view;

/**
 * What a task or process uses now. A null field was not measured (nothing is running, or the
 * host does not expose it).
 *
 * @param cpuCores CPU in cores (1.0 = one core busy), averaged since the previous sample or, on
 *     the first sample, over the process's life
 * @param rssBytes resident memory of the processes and their descendants
 * @param diskBytes bytes of regular files in the sandbox (links not followed)
 * @param processCount live OS processes counted (the checkpoint's pids and their descendants)
 */
public record ResourceUse(Double cpuCores, Long rssBytes, Long diskBytes, int processCount) {
    public static final ResourceUse NONE = new ResourceUse(null, null, null, 0);

    public ResourceUse withDiskBytes(Long bytes) {
        return new ResourceUse(cpuCores, rssBytes, bytes, processCount);
    }

    /** The sum of two uses; a field is null only when it is null in both. */
    public ResourceUse plus(ResourceUse other) {
        return new ResourceUse(add(cpuCores, other.cpuCores), add(rssBytes, other.rssBytes),
                add(diskBytes, other.diskBytes), processCount + other.processCount);
    }

    private static Double add(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }

    private static Long add(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
