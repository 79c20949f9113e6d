package io.borealis.cli.command;

import io.borealis.dsl.script.Evaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code config list FILE}: the job keys a file defines, one a line; nothing is sent. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the job keys a job file defines.")
final class ConfigList extends SessionCommand {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--bind", paramLabel = "NAME=VALUE", description = "bind a template variable")
    List<String> bindings = new ArrayList<>();

    ConfigList(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Evaluation evaluation = session().evaluate(file, bindings);
        evaluation.jobs().forEach(job -> context.out().println(job.cluster() + "/" + job.key()));
        context.out().flush();
        return ExitCode.OK;
    }
}
