package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Resources;

/**
 * A role's quota and what its active tasks hold (the scheduler's {@code GetQuotaResult}):
 * production or not, on shared or dedicated hosts. Only production shared work counts against
 * the quota.
 */
public record RoleQuota(Resources quota, Resources prodSharedConsumption,
        Resources nonProdSharedConsumption, Resources prodDedicatedConsumption,
        Resources nonProdDedicatedConsumption) {
    public RoleQuota {
        requireNonNull(quota, "quota is null");
        requireNonNull(prodSharedConsumption, "prodSharedConsumption is null");
        requireNonNull(nonProdSharedConsumption, "nonProdSharedConsumption is null");
        requireNonNull(prodDedicatedConsumption, "prodDedicatedConsumption is null");
        requireNonNull(nonProdDedicatedConsumption, "nonProdDedicatedConsumption is null");
    }
}
