package io.borealis.scheduler.quota;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskConfig;
import io.borealis.scheduler.tier.Tiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Aurora's quota rule (§3.2) as pure functions. Only production (non-preemptible tier),
 * non-dedicated work counts against a role's quota; a request is admitted when what the role's
 * such tasks hold plus what it asks fits the quota in cpu, ram and disk. Quota is an admission
 * check: placement never looks at it. Thread-safe.
 *
 * <p>Callers: job creation and added instances (through {@link QuotaManager}); a rolling update
 * counts, per instance, the larger of its old and new configuration and asks with the difference.
 */
public final class QuotaCheck {
    private final Tiers tiers;

    public QuotaCheck(Tiers tiers) {
        this.tiers = requireNonNull(tiers, "tiers is null");
    }

    /** Whether tasks of {@code config} count against their role's quota. */
    public boolean counts(TaskConfig config) {
        return tiers.isProduction(config) && !config.isDedicated();
    }

    /** What tasks with these configurations hold, split four ways. */
    public Consumption consumption(Iterable<TaskConfig> configs) {
        Amounts.Totals prodShared = new Amounts.Totals();
        Amounts.Totals nonProdShared = new Amounts.Totals();
        Amounts.Totals prodDedicated = new Amounts.Totals();
        Amounts.Totals nonProdDedicated = new Amounts.Totals();
        for (TaskConfig config : configs) {
            boolean production = tiers.isProduction(config);
            if (config.isDedicated()) {
                (production ? prodDedicated : nonProdDedicated).add(config.resources());
            } else {
                (production ? prodShared : nonProdShared).add(config.resources());
            }
        }
        return new Consumption(prodShared.resources(), nonProdShared.resources(),
                prodDedicated.resources(), nonProdDedicated.resources());
    }

    /**
     * Why {@code asked} does not fit, or empty when it does: {@code Insufficient resource quota
     * for role R: RAM asks 4096 MB, 1024 MB left of 2048 MB quota (use borealis-admin
     * increase_quota)}, naming every resource that is short.
     *
     * @param used what the role's counted tasks hold now ({@link Consumption#prodShared})
     */
    public static Optional<String> refusal(String role, Resources quota, Resources used,
            Resources asked) {
        Resources left = Amounts.left(quota, used);
        List<String> shortfalls = new ArrayList<>();
        if (!Amounts.cpuFits(asked.cpu(), left.cpu())) {
            shortfalls.add("CPU asks " + Amounts.cores(asked.cpu()) + ", " + Amounts.cores(left.cpu())
                    + " left of " + Amounts.cores(quota.cpu()) + " quota");
        }
        if (asked.ramMb() > left.ramMb()) {
            shortfalls.add("RAM asks " + asked.ramMb() + " MB, " + left.ramMb() + " MB left of "
                    + quota.ramMb() + " MB quota");
        }
        if (asked.diskMb() > left.diskMb()) {
            shortfalls.add("DISK asks " + asked.diskMb() + " MB, " + left.diskMb() + " MB left of "
                    + quota.diskMb() + " MB quota");
        }
        if (shortfalls.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Insufficient resource quota for role " + role + ": "
                + String.join("; ", shortfalls) + " (use borealis-admin increase_quota)");
    }
}
