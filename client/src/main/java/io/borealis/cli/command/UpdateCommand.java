package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code update} noun: rolling updates, carried out by the scheduler. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Start, control and inspect rolling updates of jobs.",
        subcommands = {UpdateStart.class, UpdateControls.Pause.class,
                UpdateControls.Resume.class, UpdateControls.Abort.class,
                UpdateControls.Rollback.class, UpdateControls.Pulse.class, UpdateList.class,
                UpdateInfo.class, UpdateWait.class})
public final class UpdateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
