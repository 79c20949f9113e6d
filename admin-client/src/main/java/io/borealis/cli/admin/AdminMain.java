package io.borealis.cli.admin;

import io.borealis.cli.admin.command.AdminCommand;
import io.borealis.cli.app.BorealisMain;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CommandLines;
import picocli.CommandLine;

/** {@code borealis-admin}: the operators' command-line client (spec/cli.md). */
public final class AdminMain {
    private AdminMain() {}

    public static void main(String[] args) {
        System.exit(commandLine(BorealisMain.systemContext()).execute(args));
    }

    /** The command line of {@code borealis-admin} over {@code context}; tests run it in-process. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = CommandLines.create(AdminCommand.class, context);
        AdminCommand.addPlannedCommands(commandLine);
        // Quota amounts may be negative ("-1g"): such a value is a bad amount (status 6, said
        // by the command), not an unknown option (status 5).
        for (String name : new String[] {"set_quota", "increase_quota"}) {
            commandLine.getSubcommands().get(name).setUnmatchedOptionsArePositionalParams(true);
        }
        return commandLine;
    }
}
