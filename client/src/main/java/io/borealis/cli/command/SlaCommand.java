package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sla} noun: a job's uptime figures, computed from its tasks' events. */
@Command(name = "sla", mixinStandardHelpOptions = true,
        description = "Show how much of a job has been up, and for how long.",
        subcommands = {SlaTaskUpCount.class, SlaJobUptime.class})
public final class SlaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
