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
        Map<String, String> headers = switch (cluster.authMechanism()) {
            case UNAUTHENTICATED -> Map.of();
            case BASIC -> Map.of("Authorization", basic(cluster, locator, environment));
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
     * HTTP Basic credentials from {@code ~/.netrc} for the scheduler's host. With ZooKeeper the
     * host is the leader's when the client starts; every scheduler host needs the same entry.
     */
    private static String basic(ClusterConfig cluster, SchedulerLocator locator,
            CliEnvironment environment) throws ConfigException {
        String uri;
        try {
            uri = locator.locate();
        } catch (SchedulerException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': cannot find the scheduler to look up its credentials: "
                    + e.getMessage());
        }
        String host;
        try {
            host = URI.create(uri).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': scheduler URL '" + uri + "' names no host");
        }
        Netrc.Credentials credentials = Netrc.credentials(environment, host);
        String pair = credentials.login() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
