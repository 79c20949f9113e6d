package io.borealis.scheduler.leader;

import static java.util.Objects.requireNonNull;

import io.borealis.api.discovery.ZooKeepers;
import java.time.Duration;

/**
 * How a replica finds the others: {@code --zk}, {@code --zk-path} and
 * {@code --zk-session-timeout}.
 *
 * @param ensemble ZooKeeper servers, {@code HOST:PORT[,HOST:PORT...]}
 * @param path where replicas elect and the leader announces itself (Aurora's
 *     {@code scheduler_zk_path}; the clients' {@code clusters.json} names the same path)
 * @param sessionTimeout a leader cut off from ZooKeeper this long loses its session and with it
 *     leadership; a shorter disconnection costs nothing
 * @param connectionTimeout how long startup waits for a first connection
 */
public record LeaderConfig(String ensemble, String path, Duration sessionTimeout,
        Duration connectionTimeout) {
    public static final String DEFAULT_PATH = "/borealis/scheduler";

    public LeaderConfig {
        ZooKeepers.checkEnsemble(ensemble);
        ZooKeepers.checkPath(path);
        requireNonNull(sessionTimeout, "sessionTimeout is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        if (sessionTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("ZooKeeper session timeout must be positive");
        }
    }

    /** Aurora's defaults: 15 s session, 10 s to connect. */
    public static LeaderConfig of(String ensemble, String path) {
        return new LeaderConfig(ensemble, path, ZooKeepers.DEFAULT_SESSION_TIMEOUT,
                ZooKeepers.DEFAULT_CONNECTION_TIMEOUT);
    }

    /** With this session timeout; the connection timeout is no longer (Curator warns). */
    public LeaderConfig withSessionTimeout(Duration timeout) {
        return new LeaderConfig(ensemble, path, timeout,
                timeout.compareTo(connectionTimeout) < 0 ? timeout : connectionTimeout);
    }
}
