package io.borealis.scheduler.quota;

import io.borealis.api.model.Resources;
import java.math.BigDecimal;

/**
 * Arithmetic on cpu, ram and disk (gpu is not part of a quota and comes out 0). Cpu is added in
 * decimal, so that ten tasks of 0.1 cpu hold exactly 1 core and fit a quota of 1 (binary
 * floating point would make that 0.9999999999999999 or 1.0000000000000002). Pure.
 */
public final class Amounts {
    public static final Resources ZERO = new Resources(0, 0, 0, 0);

    private Amounts() {}

    public static Resources plus(Resources a, Resources b) {
        return new Resources(decimal(a.cpu()).add(decimal(b.cpu())).doubleValue(),
                Math.addExact(a.ramMb(), b.ramMb()), Math.addExact(a.diskMb(), b.diskMb()), 0);
    }

    /** {@code count} copies of {@code r}. */
    public static Resources times(Resources r, int count) {
        return new Resources(decimal(r.cpu()).multiply(BigDecimal.valueOf(count)).doubleValue(),
                Math.multiplyExact(r.ramMb(), count), Math.multiplyExact(r.diskMb(), count), 0);
    }

    /** What is left of {@code quota} after {@code used}: never below zero. */
    public static Resources left(Resources quota, Resources used) {
        BigDecimal cpu = decimal(quota.cpu()).subtract(decimal(used.cpu()));
        return new Resources(Math.max(0, cpu.doubleValue()),
                Math.max(0, quota.ramMb() - used.ramMb()),
                Math.max(0, quota.diskMb() - used.diskMb()), 0);
    }

    /** Whether {@code asked} fits in {@code left}, resource by resource. */
    static boolean cpuFits(double asked, double left) {
        return decimal(asked).compareTo(decimal(left)) <= 0;
    }

    /** {@code 1 core}, {@code 2.5 cores}: the shortest exact decimal. */
    static String cores(double cpu) {
        String number = decimal(cpu).stripTrailingZeros().toPlainString();
        return number + (decimal(cpu).compareTo(BigDecimal.ONE) == 0 ? " core" : " cores");
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value);
    }
}
