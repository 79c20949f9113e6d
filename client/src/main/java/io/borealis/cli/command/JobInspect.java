package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.render.ConfigSummary;
import io.borealis.cli.render.JsonOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code job inspect JOBKEY FILE}: the resolved configuration; nothing is sent. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the configuration a job file resolves to; nothing is sent.")
final class JobInspect extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class)
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--bind", paramLabel = "NAME=VALUE", description = "bind a template variable")
    List<String> bindings = new ArrayList<>();

    @Option(names = "--write-json", description = "print the configuration as JSON")
    boolean json;

    JobInspect(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        JobConfiguration job = session.select(session.evaluate(file, bindings), key, file);
        if (json) {
            JsonOutput.write(context.out(), job);
        } else {
            ConfigSummary.print(context.out(), job);
        }
        return ExitCode.OK;
    }
}
