package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code job} noun. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Create, inspect and kill jobs.",
        subcommands = {JobCreate.class, JobStatus.class, JobList.class, JobKill.class,
                JobKillAll.class, JobRestart.class, JobAdd.class, JobInspect.class,
                JobDiff.class, JobOpen.class})
public final class JobCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
