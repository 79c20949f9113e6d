package io.borealis.scheduler.scheduling;

/**
 * A host's maintenance mode (aurora-features §3.5). Placement refuses DRAINING and DRAINED hosts
 * ("Host draining for maintenance", "Host drained for maintenance"); SCHEDULED hosts take tasks
 * as usual.
 */
public enum HostMode {
    NONE,
    SCHEDULED,
    DRAINING,
    DRAINED
}
