package io.borealis.cli.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One entry of {@code clusters.json}. Either {@code schedulerUri} is set, or {@code zk} with
 * {@code schedulerZkPath} (ZooKeeper discovery).
 *
 * @param schedulerUri e.g. {@code http://localhost:8081}, without a trailing slash; may be null
 * @param zk ZooKeeper ensemble {@code host:port,...}; may be null
 * @param schedulerZkPath the leader's path in ZooKeeper; may be null
 * @param caFile PEM CA certificates an {@code https} scheduler's certificate must chain to
 *     ({@code ca_file}); null trusts the JVM's default CAs
 */
public record ClusterConfig(String name, String schedulerUri, String zk, String schedulerZkPath,
        AuthMechanism authMechanism, Path caFile) {
    /** A cluster without a {@code ca_file}. */
    public ClusterConfig(String name, String schedulerUri, String zk, String schedulerZkPath,
            AuthMechanism authMechanism) {
        this(name, schedulerUri, zk, schedulerZkPath, authMechanism, null);
    }

    public ClusterConfig {
        requireNonNull(name, "name is null");
        requireNonNull(authMechanism, "authMechanism is null");
        if (schedulerUri != null && schedulerUri.endsWith("/")) {
            schedulerUri = schedulerUri.substring(0, schedulerUri.length() - 1);
        }
    }
}
