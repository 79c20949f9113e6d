package io.borealis.scheduler.quota;

import io.borealis.api.model.Resources;
import java.math.BigDecimal;

/**
 * Arithmetic on cpu, ram and disk (gpu is not part of a quota and comes out 0). Cpu is counted
 * in whole micro-cores, so that ten tasks of 0.1 cpu hold exactly 1 core and fit a quota of 1
 * (binary floating point would make that 0.9999999999999999 or 1.0000000000000002), and so that
 * summing a role's many tasks stays cheap. Amounts are not negative (validation sees to that).
 * Pure.
 */
public final class Amounts {
    public static final Resources ZERO = new Resources(0, 0, 0, 0);

    private static final double MICROS_PER_CORE = 1_000_000d;

    private Amounts() {}

    public static Resources plus(Resources a, Resources b) {
        return new Totals().add(a).add(b).resources();
    }

    /** {@code count} copies of {@code r}. */
    public static Resources times(Resources r, int count) {
        return new Resources(cores(times(micros(r.cpu()), count)), times(r.ramMb(), count),
                times(r.diskMb(), count), 0);
    }

    /** What is left of {@code quota} after {@code used}: never below zero. */
    public static Resources left(Resources quota, Resources used) {
        return new Resources(cores(Math.max(0, micros(quota.cpu()) - micros(used.cpu()))),
                Math.max(0, quota.ramMb() - used.ramMb()),
                Math.max(0, quota.diskMb() - used.diskMb()), 0);
    }

    /** Whether {@code asked} cores fit in {@code left} cores. */
    static boolean cpuFits(double asked, double left) {
        return micros(asked) <= micros(left);
    }

    /** {@code 1 core}, {@code 2.5 cores}: the shortest exact decimal. */
    static String cores(double cpu) {
        BigDecimal decimal = BigDecimal.valueOf(cores(micros(cpu)));
        return decimal.stripTrailingZeros().toPlainString()
                + (decimal.compareTo(BigDecimal.ONE) == 0 ? " core" : " cores");
    }

    /**
     * Sums and products saturate at {@code Long.MAX_VALUE} instead of overflowing: an absurd
     * request (a task asking 1e308 cpus) is then refused as over quota, with a message, rather
     * than failing inside the scheduler. Amounts are never negative here.
     */
    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long times(long a, int count) {
        return count != 0 && a > Long.MAX_VALUE / count ? Long.MAX_VALUE : a * count;
    }

    /** Whole micro-cores, rounded to the nearest (at most {@code Long.MAX_VALUE}). */
    static long micros(double cpu) {
        return Math.round(cpu * MICROS_PER_CORE);
    }

    /** The double nearest to {@code micros} millionths (10 * 100000 micros is exactly 1.0). */
    static double cores(long micros) {
        return micros / MICROS_PER_CORE;
    }

    /** A running sum of resources. Not thread-safe; confined to one computation. */
    static final class Totals {
        private long micros;
        private long ramMb;
        private long diskMb;

        Totals add(Resources r) {
            micros = plus(micros, micros(r.cpu()));
            ramMb = plus(ramMb, r.ramMb());
            diskMb = plus(diskMb, r.diskMb());
            return this;
        }

        Resources resources() {
            return new Resources(cores(micros), ramMb, diskMb, 0);
        }
    }
}
