package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.transport.MaintenanceClient;
import io.borealis.cli.transport.SchedulerException;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code host_deactivate --hosts=... CLUSTER}: NONE -> SCHEDULED ({@code startMaintenance}). */
@Command(name = "host_deactivate", mixinStandardHelpOptions = true,
        description = "Put hosts in SCHEDULED maintenance: new tasks go elsewhere while other "
                + "hosts have room. A host already in maintenance keeps its mode.")
final class HostDeactivate extends HostsCommand {
    HostDeactivate(CliContext context) {
        super(context);
    }

    @Override
    MaintenanceClient.Answer call(MaintenanceClient client, Set<String> hosts)
            throws SchedulerException {
        return client.startMaintenance(hosts);
    }
}
