package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.transport.MaintenanceClient;
import io.borealis.cli.transport.SchedulerException;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code host_activate --hosts=... CLUSTER}: back to NONE ({@code endMaintenance}). */
@Command(name = "host_activate", mixinStandardHelpOptions = true,
        description = "End maintenance: hosts back to NONE; new tasks may go there again.")
final class HostActivate extends HostsCommand {
    HostActivate(CliContext context) {
        super(context);
    }

    @Override
    MaintenanceClient.Answer call(MaintenanceClient client, Set<String> hosts)
            throws SchedulerException {
        return client.endMaintenance(hosts);
    }
}
