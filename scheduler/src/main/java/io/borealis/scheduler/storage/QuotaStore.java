package io.borealis.scheduler.storage;

import io.borealis.api.model.Resources;
import java.util.Map;
import java.util.Optional;

/**
 * Each role's quota (cpu, ram, disk; gpu is not kept). A role without a stored quota has none:
 * callers treat it as zero, as Aurora does.
 */
public interface QuotaStore {
    Optional<Resources> fetch(String role);

    /** Every stored quota, by role in role order. */
    Map<String, Resources> fetchAll();

    interface Mutable extends QuotaStore {
        /** Inserts or replaces the role's quota. */
        void save(String role, Resources quota);

        /** Removes the role's quota; false when it had none. */
        boolean delete(String role);
    }
}
