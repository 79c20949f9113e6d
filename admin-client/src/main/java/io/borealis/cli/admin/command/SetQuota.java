package io.borealis.cli.admin.command;

import io.borealis.api.model.Resources;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code set_quota CLUSTER ROLE CPU RAM DISK}: replaces the role's quota (Aurora's setQuota). */
@Command(name = "set_quota", mixinStandardHelpOptions = true,
        description = "Set a role's quota for production work (replaces the old one).")
final class SetQuota extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Parameters(index = "1", paramLabel = "ROLE")
    String role;

    @Parameters(index = "2", paramLabel = "CPU", description = "cores, e.g. 4 or 0.5")
    String cpu;

    @Parameters(index = "3", paramLabel = "RAM",
            description = "e.g. 512m, 4g, 1t (M/G/T too; a plain number is MB)")
    String ram;

    @Parameters(index = "4", paramLabel = "DISK", description = "as RAM")
    String disk;

    SetQuota(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        String checkedRole = QuotaArguments.role(role);
        Resources quota = QuotaArguments.check(QuotaArguments.amounts(cpu, ram, disk));
        try {
            admin(cluster).setQuota(checkedRole, quota);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        println("Quota of role " + checkedRole + " on " + cluster + " set to "
                + QuotaArguments.describe(quota));
        return ExitCode.OK;
    }
}
