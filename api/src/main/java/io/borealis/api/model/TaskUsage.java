/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Locale;

/**
 * Mirrors Thrift {@code TaskUsage}: what a task's processes use, as its executor last sampled it.
 * A gauge — agents send the latest sample with each heartbeat and the scheduler keeps only that.
 *
 * @param timestamp when the sample was taken, epoch millis
 * @param cpu CPUs used on average since the previous sample (1.0 = one core busy)
 * @param ramBytes resident memory of every process of the task, summed
 * @param diskBytes bytes of the files in the sandbox
 * @param processes how many processes the task had
 */
public record TaskUsage(
        long timestamp,
        double cpu,
        long ramBytes,
        long diskBytes,
        int processes) {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    /**
     * How people read it, on the scheduler's pages and in {@code job status}:
     * {@code 0.02 cpu, 5.1 MiB, 36 B} (cpu, resident memory, sandbox disk; 1024-based units).
     */
    public String summary() {
        return String.format(Locale.ROOT, "%.2f cpu, %s, %s", cpu, bytes(ramBytes),
                bytes(diskBytes));
    }

    private static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < UNITS.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, UNITS[unit]);
    }
}
