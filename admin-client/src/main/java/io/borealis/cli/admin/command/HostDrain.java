package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.transport.MaintenanceClient;
import io.borealis.cli.transport.SchedulerException;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code host_drain --hosts=... CLUSTER}: every task killed and rescheduled ({@code drainHosts}). */
@Command(name = "host_drain", mixinStandardHelpOptions = true,
        description = "Drain hosts now: their tasks are killed and rescheduled elsewhere (no SLA "
                + "check); each host is DRAINING, then DRAINED once no task is left on it.")
final class HostDrain extends HostsCommand {
    HostDrain(CliContext context) {
        super(context);
    }

    @Override
    MaintenanceClient.Answer call(MaintenanceClient client, Set<String> hosts)
            throws SchedulerException {
        return client.drainHosts(hosts);
    }
}
