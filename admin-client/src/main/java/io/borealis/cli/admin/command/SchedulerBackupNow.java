package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.BackupClient;
import picocli.CommandLine.Command;

/** {@code scheduler_backup_now CLUSTER}: the scheduler takes a backup now and names it. */
@Command(name = "scheduler_backup_now", mixinStandardHelpOptions = true,
        description = "Back up the scheduler's storage now; prints the backup's name.")
final class SchedulerBackupNow extends BackupCommand {
    SchedulerBackupNow(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        BackupClient.Backup backup = call(BackupClient::performBackup);
        println("Backup " + backup.id() + " taken on " + cluster + " (" + backup.sizeBytes()
                + " bytes)");
        return ExitCode.OK;
    }
}
