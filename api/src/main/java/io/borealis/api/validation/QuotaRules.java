package io.borealis.api.validation;

import io.borealis.api.model.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * What a role's quota may be: cpu a finite number of cores from 0 to {@link #MAX_CPU}, ram and
 * disk from 0 to {@link #MAX_MB} megabytes. The admin client checks a quota before sending it and
 * the scheduler again before storing it. Pure; thread-safe.
 */
public final class QuotaRules {
    /** Most cores a quota may hold: far beyond any cluster, far below what breaks arithmetic. */
    public static final double MAX_CPU = 1_000_000;
    /** Most megabytes of ram or disk a quota may hold: 1 EB. */
    public static final long MAX_MB = 1L << 40;

    private QuotaRules() {}

    /** Every problem of {@code quota} ({@code quota.cpu must be ...}); empty when valid. */
    public static List<Problem> problems(Resources quota) {
        List<Problem> problems = new ArrayList<>();
        double cpu = quota.cpu();
        if (!Double.isFinite(cpu)) {
            problems.add(new Problem("quota.cpu", "must be a finite number of cores, got " + cpu));
        } else if (cpu < 0) {
            problems.add(new Problem("quota.cpu", "must not be negative, got " + cpu));
        } else if (cpu > MAX_CPU) {
            problems.add(new Problem("quota.cpu", "must be at most " + (long) MAX_CPU
                    + " cores, got " + cpu));
        }
        megabytes("quota.ramMb", quota.ramMb(), problems);
        megabytes("quota.diskMb", quota.diskMb(), problems);
        return problems;
    }

    private static void megabytes(String path, long value, List<Problem> problems) {
        if (value < 0) {
            problems.add(new Problem(path, "must not be negative, got " + value));
        } else if (value > MAX_MB) {
            problems.add(new Problem(path, "must be at most " + MAX_MB + " MB (1 EB), got "
                    + value));
        }
    }
}
