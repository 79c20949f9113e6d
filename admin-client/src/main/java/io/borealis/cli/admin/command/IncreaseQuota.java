package io.borealis.cli.admin.command;

import io.borealis.api.model.Resources;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.AdminClient;
import io.borealis.cli.transport.SchedulerException;
import java.math.BigDecimal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code increase_quota CLUSTER ROLE CPU RAM DISK}: reads the role's quota and sets it to that
 * plus the amounts given (Aurora's getQuota then setQuota; two operators increasing at once may
 * lose one increase, as in Aurora).
 */
@Command(name = "increase_quota", mixinStandardHelpOptions = true,
        description = "Add to a role's quota.")
final class IncreaseQuota extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Parameters(index = "1", paramLabel = "ROLE")
    String role;

    @Parameters(index = "2", paramLabel = "CPU", description = "cores to add, e.g. 2 or 0.5")
    String cpu;

    @Parameters(index = "3", paramLabel = "RAM",
            description = "to add, e.g. 512m, 4g, 1t (M/G/T too; a plain number is MB)")
    String ram;

    @Parameters(index = "4", paramLabel = "DISK", description = "to add, as RAM")
    String disk;

    IncreaseQuota(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        String checkedRole = QuotaArguments.role(role);
        Resources delta = QuotaArguments.check(QuotaArguments.amounts(cpu, ram, disk));
        AdminClient admin = admin(cluster);
        Resources raised;
        try {
            Resources current = admin.scheduler().quota(checkedRole).quota();
            raised = QuotaArguments.check(new Resources(
                    BigDecimal.valueOf(current.cpu()).add(BigDecimal.valueOf(delta.cpu()))
                            .doubleValue(),
                    current.ramMb() + delta.ramMb(), current.diskMb() + delta.diskMb(), 0));
            admin.setQuota(checkedRole, raised);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        println("Quota of role " + checkedRole + " on " + cluster + " raised to "
                + QuotaArguments.describe(raised));
        return ExitCode.OK;
    }
}
