package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Base of the leaf commands: the context, the session, and the exit status as an int. */
abstract class SessionCommand implements Callable<Integer> {
    protected final CliContext context;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    SessionCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public final Integer call() throws CliException {
        return run().code();
    }

    protected abstract ExitCode run() throws CliException;

    protected Session session() {
        boolean verbose = spec.root().userObject() instanceof Verbosity v && v.verbose();
        return new Session(context, verbose);
    }

    /** Every task of {@code job}, whatever its state. */
    static TaskQuery jobQuery(JobKey job) {
        return new TaskQuery(job.role(), job.environment(), job.name(), null, null, null, null,
                null, null, null);
    }
}
