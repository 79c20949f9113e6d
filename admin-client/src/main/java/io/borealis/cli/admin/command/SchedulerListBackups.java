package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.BackupClient;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code scheduler_list_backups CLUSTER}: the stored backups, oldest first, one a line:
 * {@code NAME  TAKEN-AT(UTC)  SIZE bytes}; nothing when there are none.
 */
@Command(name = "scheduler_list_backups", mixinStandardHelpOptions = true,
        description = "List the scheduler's backups, oldest first: name, time taken, size.")
final class SchedulerListBackups extends BackupCommand {
    SchedulerListBackups(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        List<BackupClient.Backup> backups = call(BackupClient::listBackups);
        for (BackupClient.Backup backup : backups) {
            context.out().println(backup.id() + "  " + Instant.ofEpochMilli(backup.timestamp())
                    + "  " + backup.sizeBytes() + " bytes");
        }
        context.out().flush();
        return ExitCode.OK;
    }
}
