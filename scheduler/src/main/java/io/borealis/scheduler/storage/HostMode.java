package io.borealis.scheduler.storage;

/**
 * A host's maintenance mode (aurora-features §3.5, spec/http.md), stored per host by
 * {@link MaintenanceStore} (a host without a row is in NONE). Placement avoids SCHEDULED hosts
 * (they take a task only when no other host can) and refuses DRAINING and DRAINED ones
 * ("Host draining for maintenance", "Host drained for maintenance").
 *
 * <pre>
 *   NONE --startMaintenance--> SCHEDULED --drainHosts / slaDrainHosts--> DRAINING
 *     ^                                                                     | no active task
 *     +---------------------- endMaintenance (from any mode) ------ DRAINED <+   left on it
 * </pre>
 */
public enum HostMode {
    NONE,
    SCHEDULED,
    DRAINING,
    DRAINED
}
