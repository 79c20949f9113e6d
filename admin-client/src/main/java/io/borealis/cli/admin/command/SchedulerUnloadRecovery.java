package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import picocli.CommandLine.Command;

/** {@code scheduler_unload_recovery CLUSTER}: drops the staged backup; nothing live changes. */
@Command(name = "scheduler_unload_recovery", mixinStandardHelpOptions = true,
        description = "Drop the staged backup.")
final class SchedulerUnloadRecovery extends BackupCommand {
    SchedulerUnloadRecovery(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        call(client -> {
            client.unloadRecovery();
            return null;
        });
        println("Recovery unloaded on " + cluster);
        return ExitCode.OK;
    }
}
