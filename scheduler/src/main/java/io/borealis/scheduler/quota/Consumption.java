package io.borealis.scheduler.quota;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Resources;

/**
 * What a role's active tasks hold, split as Aurora's {@code GetQuotaResult}: production
 * (non-preemptible tier) or not, on shared or dedicated hosts. Only {@link #prodShared} counts
 * against the role's quota.
 */
public record Consumption(Resources prodShared, Resources nonProdShared,
        Resources prodDedicated, Resources nonProdDedicated) {
    public static final Consumption NONE =
            new Consumption(Amounts.ZERO, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO);

    public Consumption {
        requireNonNull(prodShared, "prodShared is null");
        requireNonNull(nonProdShared, "nonProdShared is null");
        requireNonNull(prodDedicated, "prodDedicated is null");
        requireNonNull(nonProdDedicated, "nonProdDedicated is null");
    }
}
