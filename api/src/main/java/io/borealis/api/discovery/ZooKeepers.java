package io.borealis.api.discovery;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * Connecting to a ZooKeeper ensemble. Every Borealis program connects the same way: Curator with
 * bounded exponential retries and {@link SessionConnectionStateErrorPolicy}, so that recipes
 * (leader latch, persistent nodes) treat only a lost <em>session</em> as an error; a brief
 * disconnection (SUSPENDED) is waited out, as Aurora's leader election intended.
 */
public final class ZooKeepers {
    /** Aurora's {@code -zk_session_timeout}. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
    /** Aurora's {@code -zk_connection_timeout}. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ENSEMBLE =
            Pattern.compile("[^,:/\\s]+:\\d{1,5}(,[^,:/\\s]+:\\d{1,5})*");
    private static final Pattern PATH = Pattern.compile("(/[^/\\s]+)+");

    private ZooKeepers() {}

    /**
     * Checks an ensemble such as {@code zk1:2181,zk2:2181}; returns it or fails naming it.
     */
    public static String checkEnsemble(String ensemble) {
        requireNonNull(ensemble, "ensemble is null");
        if (!ENSEMBLE.matcher(ensemble).matches()) {
            throw new IllegalArgumentException("ZooKeeper ensemble '" + ensemble
                    + "' is not HOST:PORT[,HOST:PORT...]");
        }
        return ensemble;
    }

    /** Checks an absolute znode path such as {@code /borealis/scheduler}. */
    public static String checkPath(String path) {
        requireNonNull(path, "path is null");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("ZooKeeper path '" + path
                    + "' is not an absolute path such as /borealis/scheduler");
        }
        return path;
    }

    /**
     * A started client of {@code ensemble}, once it is connected; fails (closing the client) if it
     * cannot connect within {@code connectionTimeout}. The caller closes it.
     */
    public static CuratorFramework connect(String ensemble, Duration sessionTimeout,
            Duration connectionTimeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(checkEnsemble(ensemble))
                .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(200, 5, 2_000))
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected(
                    Math.toIntExact(connectionTimeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new IllegalStateException("cannot connect to ZooKeeper " + ensemble
                    + " within " + connectionTimeout.toMillis() + " ms");
        }
        return client;
    }

    /** {@link #connect} with Aurora's default timeouts. */
    public static CuratorFramework connect(String ensemble) {
        return connect(ensemble, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }
}
