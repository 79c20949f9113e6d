package io.borealis.cli.admin.command;

import io.borealis.cli.command.CommandLines;
import io.borealis.cli.command.VersionProvider;
import io.borealis.cli.command.Verbosity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root of {@code borealis-admin}: operators' commands and global options. */
@Command(name = "borealis-admin", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Operate a Borealis cluster: quotas, host maintenance, backups.",
        subcommands = {GetScheduler.class, SetQuota.class, IncreaseQuota.class, Query.class,
                ReconcileTasks.class, PruneTasks.class, HostDeactivate.class, HostDrain.class,
                SlaHostDrain.class, HostActivate.class, HostStatus.class, SchedulerBackupNow.class,
                SchedulerListBackups.class, SchedulerStageRecovery.class,
                SchedulerPrintRecoveryTasks.class, SchedulerCommitRecovery.class,
                SchedulerUnloadRecovery.class, SchedulerSnapshot.class, HashPassword.class,
                HelpCommand.class})
public final class AdminCommand implements Runnable, Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "show stack traces of failures")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw CommandLines.missingSubcommand(spec);
    }

    /** Adds every command of spec/cli.md this version cannot run yet, marked as such. */
    public static void addPlannedCommands(CommandLine root) {
        for (PlannedCommand.Plan plan : PlannedCommand.PLANS) {
            CommandSpec planned = CommandSpec.wrapWithoutInspection(new PlannedCommand(plan));
            planned.mixinStandardHelpOptions(true);
            planned.versionProvider(new VersionProvider());
            planned.parser().unmatchedArgumentsAllowed(true);
            planned.usageMessage()
                    .customSynopsis(plan.name() + " " + plan.synopsis())
                    .description(plan.description() + " (not yet available)");
            CommandLine command = new CommandLine(planned);
            command.setOut(root.getOut());
            command.setErr(root.getErr());
            command.setParameterExceptionHandler(root.getParameterExceptionHandler());
            command.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
            root.addSubcommand(plan.name(), command);
        }
    }
}
