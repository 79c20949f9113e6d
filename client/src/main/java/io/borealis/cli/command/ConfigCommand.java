package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code config} noun. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Read job files.",
        subcommands = {ConfigList.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
