package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code quota} noun. */
@Command(name = "quota", mixinStandardHelpOptions = true,
        description = "Show a role's quota and what its tasks use.",
        subcommands = {QuotaGet.class})
public final class QuotaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
