package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.cli.config.CliEnvironment;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * What every command runs with: where to print, the environment to read configuration from, and
 * the timings of calls and polls. Built once by the program's main (or by a test).
 *
 * @param terminal whether output goes to a terminal: progress is shown only then
 * @param rpcTimeout connect and read timeout of each call to the scheduler
 * @param pollInterval pause between two status polls while waiting for tasks
 */
public record CliContext(PrintWriter out, PrintWriter err, CliEnvironment environment,
        boolean terminal, Duration rpcTimeout, Duration pollInterval) {
    public CliContext {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(rpcTimeout, "rpcTimeout is null");
        requireNonNull(pollInterval, "pollInterval is null");
    }
}
