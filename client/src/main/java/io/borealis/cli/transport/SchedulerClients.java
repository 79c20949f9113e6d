package io.borealis.cli.transport;

import io.borealis.api.tls.Tls;
import io.borealis.cli.config.CliEnvironment;
import io.borealis.cli.config.ClusterConfig;
import io.borealis.cli.config.ConfigException;
import io.borealis.cli.config.Netrc;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/** Builds the {@link SchedulerClient} for a configured cluster. */
public final class SchedulerClients {
    /** Where clients look for the leader when a zk cluster names no path (Aurora's default). */
    public static final String DEFAULT_SCHEDULER_ZK_PATH = "/borealis/scheduler";

    private SchedulerClients() {}

    /**
     * A client of the cluster's scheduler, authenticating as the cluster asks; a cluster with
     * {@code zk} and no {@code scheduler_uri} follows the leader through ZooKeeper. Fails when
     * BASIC credentials are missing.
     */
    public static SchedulerClient forCluster(ClusterConfig cluster, CliEnvironment environment,
            Duration timeout) throws ConfigException {
        SchedulerLocator locator = locator(cluster, timeout);
        CallHeaders headers = switch (cluster.authMechanism()) {
            case UNAUTHENTICATED -> CallHeaders.fixed(Map.of());
            case BASIC -> basic(cluster, locator, environment);
        };
        SSLContext trust;
        try {
            trust = cluster.caFile() == null ? null : Tls.trusting(cluster.caFile());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': ca_file: " + e.getMessage());
        }
        return new SchedulerClient(locator, headers, timeout, trust);
    }

    /**
     * A fixed {@code scheduler_uri} wins (Aurora: for testing); otherwise the leader is found in
     * ZooKeeper {@code zk} under {@code scheduler_zk_path} (default {@code /borealis/scheduler}).
     */
    static SchedulerLocator locator(ClusterConfig cluster, Duration timeout)
            throws ConfigException {
        if (cluster.schedulerUri() != null) {
            return SchedulerLocator.fixed(cluster.schedulerUri());
        }
        String path = cluster.schedulerZkPath() == null
                ? DEFAULT_SCHEDULER_ZK_PATH : cluster.schedulerZkPath();
        try {
            return new ZooKeeperLocator(cluster.zk(), path, timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': " + e.getMessage());
        }
    }

    /**
     * HTTP Basic credentials from {@code ~/.netrc} for the host of the scheduler each call goes
     * to. Those of the scheduler found first are looked up now, so that missing credentials
     * stop the command before anything is sent (a {@link ConfigException}); with ZooKeeper a
     * call that follows a new leader on another host looks up that host's entry then (an
     * {@code AUTH_FAILED} {@link SchedulerException} when there is none).
     */
    private static CallHeaders basic(ClusterConfig cluster, SchedulerLocator locator,
            CliEnvironment environment) throws ConfigException {
        String uri;
        try {
            uri = locator.locate();
        } catch (SchedulerException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': cannot find the scheduler to look up its credentials: "
                    + e.getMessage());
        }
        String host = host(uri);
        if (host == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': scheduler URL '" + uri + "' names no host");
        }
        Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();
        byHost.put(host, authorization(Netrc.credentials(environment, host)));
        return schedulerUri -> {
            String to = host(schedulerUri);
            if (to == null) {
                throw new SchedulerException(SchedulerException.Failure.AUTH_FAILED,
                        "scheduler URL '" + schedulerUri + "' names no host to look up "
                                + "credentials for", null);
            }
            Map<String, String> known = byHost.get(to);
            if (known != null) {
                return known;
            }
            try {
                Map<String, String> found = authorization(Netrc.credentials(environment, to));
                byHost.put(to, found);
                return found;
            } catch (ConfigException e) {
                throw new SchedulerException(SchedulerException.Failure.AUTH_FAILED,
                        "the leading scheduler moved to " + schedulerUri + ": "
                                + e.getMessage(), e);
            }
        };
    }

    private static String host(String uri) {
        try {
            return URI.create(uri).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> authorization(Netrc.Credentials credentials) {
        String pair = credentials.login() + ":" + credentials.password();
        return Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
}
