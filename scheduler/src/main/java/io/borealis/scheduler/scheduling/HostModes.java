package io.borealis.scheduler.scheduling;

import io.borealis.scheduler.storage.HostMode;

/**
 * Where placement learns each host's maintenance mode. Called once per agent per scheduling
 * round, on the scheduling thread, so an implementation must be cheap and thread-safe. Until host
 * maintenance exists every host is in {@link HostMode#NONE} ({@link #NONE}).
 */
@FunctionalInterface
public interface HostModes {
    /** Every host in normal operation. */
    HostModes NONE = host -> HostMode.NONE;

    /** The mode of {@code host} (the agent's host name); never null. */
    HostMode modeOf(String host);
}
