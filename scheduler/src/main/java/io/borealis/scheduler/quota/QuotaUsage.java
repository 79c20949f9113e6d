package io.borealis.scheduler.quota;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Resources;

/** A role's quota (zero when none was set) and what its active tasks hold. */
public record QuotaUsage(Resources quota, Consumption consumption) {
    public QuotaUsage {
        requireNonNull(quota, "quota is null");
        requireNonNull(consumption, "consumption is null");
    }
}
