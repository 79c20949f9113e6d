package io.borealis.scheduler.tier;

import static java.util.Objects.requireNonNull;

/**
 * One tier (Aurora §3.2): whether its tasks may be preempted, and whether they run on revocable
 * resources. A non-preemptible tier is production: its tasks count against the role's quota.
 */
public record TierConfig(String name, boolean preemptible, boolean revocable) {
    public TierConfig {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tier name must not be blank");
        }
    }
}
