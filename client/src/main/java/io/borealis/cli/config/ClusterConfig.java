package io.borealis.cli.config;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code clusters.json}. Either {@code schedulerUri} is set, or {@code zk} with
 * {@code schedulerZkPath} (ZooKeeper discovery).
 *
 * @param schedulerUri e.g. {@code http://localhost:8081}, without a trailing slash; may be null
 * @param zk ZooKeeper ensemble {@code host:port,...}; may be null
 * @param schedulerZkPath the leader's path in ZooKeeper; may be null
 */
public record ClusterConfig(String name, String schedulerUri, String zk, String schedulerZkPath,
        AuthMechanism authMechanism) {
    public ClusterConfig {
        requireNonNull(name, "name is null");
        requireNonNull(authMechanism, "authMechanism is null");
        if (schedulerUri != null && schedulerUri.endsWith("/")) {
            schedulerUri = schedulerUri.substring(0, schedulerUri.length() - 1);
        }
    }
}
