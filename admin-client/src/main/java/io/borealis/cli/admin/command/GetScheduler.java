package io.borealis.cli.admin.command;

import static java.util.Objects.requireNonNull;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.config.ClusterConfig;
import io.borealis.cli.config.Clusters;
import io.borealis.cli.config.ConfigException;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code get_scheduler CLUSTER}: the scheduler's {@code host:port}, from {@code clusters.json}
 * (a cluster with a fixed {@code scheduler_uri} has one scheduler; ZooKeeper discovery of the
 * leader is not supported yet).
 */
@Command(name = "get_scheduler", mixinStandardHelpOptions = true,
        description = "Print the leading scheduler's host:port.")
final class GetScheduler implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    GetScheduler(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws CliException {
        ClusterConfig config;
        try {
            config = Clusters.load(context.environment()).get(cluster);
        } catch (ConfigException e) {
            throw CliException.from(e);
        }
        if (config.schedulerUri() == null) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "cluster '" + cluster
                    + "': zk discovery is not supported yet; give it a scheduler_uri");
        }
        URI uri = URI.create(config.schedulerUri());
        int port = uri.getPort() != -1 ? uri.getPort()
                : "https".equals(uri.getScheme()) ? 443 : 80;
        context.out().println(uri.getHost() + ":" + port);
        context.out().flush();
        return ExitCode.OK.code();
    }
}
