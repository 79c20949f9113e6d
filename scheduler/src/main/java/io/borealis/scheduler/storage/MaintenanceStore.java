package io.borealis.scheduler.storage;

import java.util.List;
import java.util.Optional;

/**
 * Each host's maintenance mode and drain (aurora-features §3.5). A host without a record is in
 * {@link HostMode#NONE}: host names need not belong to a registered agent, so an operator may
 * put a host into maintenance before its agent registers, or while it is down.
 */
public interface MaintenanceStore {
    Optional<HostMaintenance> fetch(String host);

    /** Every host not in NONE, by host name. */
    List<HostMaintenance> fetchAll();

    interface Mutable extends MaintenanceStore {
        /** Inserts or replaces the host's record. */
        void save(HostMaintenance host);

        /** Removes the host's record (back to NONE); false when it had none. */
        boolean delete(String host);
    }
}
