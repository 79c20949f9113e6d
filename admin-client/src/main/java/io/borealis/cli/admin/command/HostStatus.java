package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.transport.MaintenanceClient;
import io.borealis.cli.transport.SchedulerException;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code host_status --hosts=... CLUSTER}: {@code HOST is in state: MODE}, one line each. */
@Command(name = "host_status", mixinStandardHelpOptions = true,
        description = "Print each host's maintenance mode: NONE, SCHEDULED, DRAINING or DRAINED.")
final class HostStatus extends HostsCommand {
    HostStatus(CliContext context) {
        super(context);
    }

    @Override
    MaintenanceClient.Answer call(MaintenanceClient client, Set<String> hosts)
            throws SchedulerException {
        return client.status(hosts);
    }
}
