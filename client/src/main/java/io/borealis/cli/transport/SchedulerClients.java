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
    private SchedulerClients() {}

    /**
     * A client of the cluster's scheduler, authenticating as the cluster asks. Fails when the
     * cluster can only be found through ZooKeeper (not supported yet) or when BASIC credentials
     * are missing.
     */
    public static SchedulerClient forCluster(ClusterConfig cluster, CliEnvironment environment,
            Duration timeout) throws ConfigException {
        if (cluster.schedulerUri() == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': zk discovery is not supported yet; give it a scheduler_uri");
        }
        Map<String, String> headers = switch (cluster.authMechanism()) {
            case UNAUTHENTICATED -> Map.of();
            case BASIC -> Map.of("Authorization", basic(cluster, environment));
        };
        SSLContext trust;
        try {
            trust = cluster.caFile() == null ? null : Tls.trusting(cluster.caFile());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': ca_file: " + e.getMessage());
        }
        return new SchedulerClient(cluster.schedulerUri(), headers, timeout, trust);
    }

    private static String basic(ClusterConfig cluster, CliEnvironment environment)
            throws ConfigException {
        String host;
        try {
            host = URI.create(cluster.schedulerUri()).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cluster '" + cluster.name()
                    + "': scheduler_uri '" + cluster.schedulerUri() + "' names no host");
        }
        Netrc.Credentials credentials = Netrc.credentials(environment, host);
        String pair = credentials.login() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
