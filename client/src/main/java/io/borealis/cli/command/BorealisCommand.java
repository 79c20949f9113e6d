package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root of {@code borealis}: its nouns and global options. */
@Command(name = "borealis", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run and inspect jobs on a Borealis cluster.",
        subcommands = {JobCommand.class, UpdateCommand.class, CronCommand.class, QuotaCommand.class,
                SlaCommand.class, ConfigCommand.class, HelpCommand.class})
public final class BorealisCommand implements Runnable, Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "show stack traces of failures")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
