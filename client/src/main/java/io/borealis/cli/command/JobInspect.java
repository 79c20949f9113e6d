package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.render.ConfigSummary;
import io.borealis.cli.render.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job inspect JOBKEY FILE}: the resolved configuration; nothing is sent. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the configuration a job file resolves to; nothing is sent.")
final class JobInspect extends SessionCommand {
    @Mixin
    JobFileArguments args;

    @Option(names = "--write-json", description = "print the configuration as JSON")
    boolean json;

    JobInspect(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        JobConfiguration job = args.job(session);
        if (json) {
            JsonOutput.write(context.out(), job);
        } else {
            ConfigSummary.print(context.out(), job);
        }
        return ExitCode.OK;
    }
}
