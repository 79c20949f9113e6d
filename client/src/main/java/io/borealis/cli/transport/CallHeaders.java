package io.borealis.cli.transport;

import java.util.Map;

/**
 * The headers a call to the scheduler at a base URL carries, e.g. its {@code Authorization}.
 * A cluster found through ZooKeeper may move to a leader on another host in the middle of a
 * command; with BASIC credentials each host has its own netrc entry, so the headers depend on
 * where the call goes ({@link SchedulerClients#forCluster}). Implementations are thread-safe.
 */
@FunctionalInterface
public interface CallHeaders {
    /**
     * The headers for a call to {@code schedulerUri}.
     *
     * @throws SchedulerException {@code AUTH_FAILED} when the credentials for its host are
     *     missing, naming the host and where they were looked for
     */
    Map<String, String> forScheduler(String schedulerUri) throws SchedulerException;

    /** The same {@code headers} whichever scheduler a call goes to. */
    static CallHeaders fixed(Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        return schedulerUri -> copy;
    }
}
