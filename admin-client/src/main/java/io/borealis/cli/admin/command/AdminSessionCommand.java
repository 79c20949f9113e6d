package io.borealis.cli.admin.command;

import static java.util.Objects.requireNonNull;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.command.Session;
import io.borealis.cli.command.Verbosity;
import io.borealis.cli.transport.AdminClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of the admin commands that call the scheduler: the context, a client of the cluster's
 * scheduler (the client's {@link Session}, so the same clusters.json, netrc and transport), and
 * the exit status as an int.
 */
abstract class AdminSessionCommand implements Callable<Integer> {
    protected final CliContext context;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    AdminSessionCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public final Integer call() throws CliException {
        return run().code();
    }

    protected abstract ExitCode run() throws CliException;

    /** A client of the named cluster's scheduler, admin calls included. */
    protected AdminClient admin(String cluster) throws CliException {
        boolean verbose = spec.root().userObject() instanceof Verbosity v && v.verbose();
        return new AdminClient(new Session(context, verbose).scheduler(cluster));
    }

    protected void println(String line) {
        context.out().println(line);
        context.out().flush();
    }
}
