package io.borealis.cli.app;

import io.borealis.cli.command.BorealisCommand;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CommandLines;
import io.borealis.cli.config.CliEnvironment;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import picocli.CommandLine;

/** {@code borealis}: the users' command-line client (spec/cli.md). */
public final class BorealisMain {
    /** How long one call to the scheduler may take. */
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);
    /** Pause between two status polls while waiting (Aurora's client polls every 5 s). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private BorealisMain() {}

    public static void main(String[] args) {
        System.exit(commandLine(systemContext()).execute(args));
    }

    /** The command line of {@code borealis} over {@code context}; tests execute it in-process. */
    public static CommandLine commandLine(CliContext context) {
        return CommandLines.create(BorealisCommand.class, context);
    }

    /** This process's streams and environment; progress only when stdout is a terminal. */
    public static CliContext systemContext() {
        Charset charset = Charset.defaultCharset();
        return new CliContext(new PrintWriter(System.out, true, charset),
                new PrintWriter(System.err, true, charset), CliEnvironment.system(),
                System.console() != null, RPC_TIMEOUT, POLL_INTERVAL);
    }
}
