package io.borealis.cli.command;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Wires a program's picocli {@link CommandLine} to the exit statuses of spec/cli.md: usage
 * mistakes exit 5, bad parameter values 6, {@link CliException}s their own status, anything
 * unexpected 20. Messages go to stderr without a stack trace unless {@code --verbose}.
 */
public final class CommandLines {
    private CommandLines() {}

    /** Builds the command line of {@code root} with its context, streams and handlers. */
    public static CommandLine create(Class<?> root, CliContext context) {
        CommandLine commandLine = new CommandLine(root, new ContextFactory(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setParameterExceptionHandler(CommandLines::badUsage);
        commandLine.setExecutionExceptionHandler(CommandLines::failed);
        return commandLine;
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        boolean badValue = e.getCause() instanceof CommandLine.TypeConversionException;
        return (badValue ? ExitCode.INVALID_PARAMETER : ExitCode.INVALID_COMMAND).code();
    }

    private static int failed(Exception e, CommandLine command,
            CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        boolean verbose = command.getCommandSpec().root().userObject() instanceof Verbosity v
                && v.verbose();
        int code;
        if (e instanceof CliException failure) {
            err.println("error: " + failure.getMessage());
            code = failure.exitCode().code();
        } else {
            err.println("error: unexpected failure: " + e);
            code = ExitCode.UNKNOWN_ERROR.code();
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** For group commands run without a subcommand: a usage mistake (status 5). */
    public static CommandLine.ParameterException missingSubcommand(CommandLine.Model.CommandSpec spec) {
        return new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
