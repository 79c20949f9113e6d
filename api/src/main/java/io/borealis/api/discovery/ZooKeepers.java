package io.borealis.api.discovery;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.common.PathUtils;

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

    /**
     * The longest path a job may announce under: ZooKeeper itself only bounds a request's size,
     * and a path this long is already a mistake rather than a naming scheme.
     */
    public static final int MAX_ANNOUNCE_PATH_LENGTH = 512;
    private static final String RESERVED = "/zookeeper";

    private static final Pattern ENSEMBLE =
            Pattern.compile("[^,:/\\s]+:\\d{1,5}(,[^,:/\\s]+:\\d{1,5})*");
    private static final Pattern PATH = Pattern.compile("(/[^/\\s]+)+");

    private ZooKeepers() {}

    /**
     * An ensemble and a path in one string, {@code zk://HOST:PORT[,HOST:PORT...]/PATH}, as
     * Aurora named a Mesos master found through ZooKeeper. An agent started with {@code --zk}
     * carries its scheduler this way.
     */
    public record Address(String ensemble, String path) {
        public static final String SCHEME = "zk://";

        public Address {
            checkEnsemble(ensemble);
            checkPath(path);
        }

        /** Whether {@code url} is a {@code zk://} address rather than an http(s) URL. */
        public static boolean isAddress(String url) {
            return url.startsWith(SCHEME);
        }

        /** Parses {@code zk://ENSEMBLE/PATH}; fails naming what is wrong. */
        public static Address parse(String url) {
            int slash = url.indexOf('/', SCHEME.length());
            if (!isAddress(url) || slash < 0) {
                throw new IllegalArgumentException("'" + url
                        + "' is not zk://HOST:PORT[,HOST:PORT...]/PATH");
            }
            return new Address(url.substring(SCHEME.length(), slash), url.substring(slash));
        }

        @Override
        public String toString() {
            return SCHEME + ensemble + path;
        }
    }

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
     * What is wrong with {@code path} as the ServerSet path a job announces its tasks under (an
     * announcer's {@code zk_path}); empty when it is fine. ZooKeeper's own rules decide
     * ({@link PathUtils#validatePath}: absolute, no empty, {@code .} or {@code ..} element, no
     * control characters), and beyond them the path must be at most
     * {@value #MAX_ANNOUNCE_PATH_LENGTH} characters without whitespace ({@link #checkPath}), not
     * the root and not under {@code /zookeeper}, which ZooKeeper keeps for itself. The message
     * follows the field's name:
     * {@code announce.zkPath '/a/../b' is not ...}.
     */
    public static Optional<String> announcePathProblem(String path) {
        requireNonNull(path, "path is null");
        if (path.length() > MAX_ANNOUNCE_PATH_LENGTH) {
            return Optional.of("must be at most " + MAX_ANNOUNCE_PATH_LENGTH
                    + " characters, got " + path.length());
        }
        try {
            PathUtils.validatePath(path);
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage());
            int cause = reason.indexOf("caused by ");
            // ZooKeeper's reason ends with a character index ("@11") that reads as noise.
            reason = (cause < 0 ? reason : reason.substring(cause + "caused by ".length()))
                    .replaceFirst(" @\\d+$", "");
            return Optional.of("'" + path + "' is not an absolute ZooKeeper path such as "
                    + "/services/www-data/prod/hello (" + reason + ")");
        }
        if (path.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("'" + path + "' holds whitespace, which no Borealis program reads "
                    + "in a ZooKeeper path");
        }
        if (path.equals("/")) {
            return Optional.of("'/' is ZooKeeper's root; name a path under it such as "
                    + "/services/www-data/prod/hello");
        }
        if (path.equals(RESERVED) || path.startsWith(RESERVED + "/")) {
            return Optional.of("'" + path + "' is under " + RESERVED
                    + ", which ZooKeeper keeps for itself");
        }
        return Optional.empty();
    }

    /**
     * A started client of {@code ensemble}, once it is connected; fails (closing the client) if it
     * cannot connect within {@code connectionTimeout}. The caller closes it.
     */
    public static CuratorFramework connect(String ensemble, Duration sessionTimeout,
            Duration connectionTimeout) {
        CuratorFramework client = client(ensemble, sessionTimeout, connectionTimeout);
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

    /**
     * A started client of {@code ensemble} that connects in the background (and keeps trying):
     * for programs that must start while ZooKeeper is away, such as an agent. The caller closes
     * it.
     */
    public static CuratorFramework client(String ensemble, Duration sessionTimeout,
            Duration connectionTimeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(checkEnsemble(ensemble))
                .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(200, 5, 2_000))
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .build();
        client.start();
        return client;
    }

    /** {@link #connect} with Aurora's default timeouts. */
    public static CuratorFramework connect(String ensemble) {
        return connect(ensemble, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }
}
