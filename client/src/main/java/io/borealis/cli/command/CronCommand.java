package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code cron} noun. */
@Command(name = "cron", mixinStandardHelpOptions = true,
        description = "Schedule, run and inspect cron jobs.",
        subcommands = {CronSchedule.class, CronDeschedule.class, CronStart.class, CronShow.class})
public final class CronCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }
}
