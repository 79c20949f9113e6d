package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import picocli.CommandLine.Command;

/** {@code scheduler_snapshot CLUSTER}: the scheduler writes its storage to disk now. */
@Command(name = "scheduler_snapshot", mixinStandardHelpOptions = true,
        description = "Force a storage checkpoint: everything committed is written to disk now.")
final class SchedulerSnapshot extends BackupCommand {
    SchedulerSnapshot(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        call(client -> {
            client.snapshot();
            return null;
        });
        println("Storage of " + cluster + " checkpointed");
        return ExitCode.OK;
    }
}
