package io.borealis.scheduler.maintenance;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.storage.HostMode;

/**
 * A host's maintenance mode as a call answers it.
 *
 * @param registered whether an agent on this host is registered; a host no agent runs on may
 *     still be put into maintenance (its mode applies once one registers)
 */
public record HostState(String host, HostMode mode, boolean registered) {
    public HostState {
        requireNonNull(host, "host is null");
        requireNonNull(mode, "mode is null");
    }
}
