package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.SchedulerException;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code get_scheduler CLUSTER}: asks the cluster's scheduler (for a {@code zk} cluster, the one
 * ZooKeeper names as leader) which scheduler leads
 * ({@code ReadOnlyScheduler.getScheduler}) and prints the leader's {@code host:port}, from the
 * URL the leader gives as its public one. A scheduler that cannot be reached exits 7, one that
 * does not answer in time 9, one that refuses the caller 30.
 */
@Command(name = "get_scheduler", mixinStandardHelpOptions = true,
        description = "Print the leading scheduler's host:port, as the scheduler names it.")
final class GetScheduler extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    GetScheduler(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        String leader;
        try {
            leader = admin(cluster).leaderUrl();
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        println(hostPort(leader));
        return ExitCode.OK;
    }

    /** {@code host:port} of a base URL; the scheme's port when it names none. */
    static String hostPort(String url) throws CliException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null) {
            throw new CliException(ExitCode.API_ERROR, "the scheduler named its leader '" + url
                    + "', which is not an http(s)://HOST:PORT URL");
        }
        int port = uri.getPort() != -1 ? uri.getPort()
                : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
