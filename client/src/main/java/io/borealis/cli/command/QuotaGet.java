package io.borealis.cli.command;

import io.borealis.cli.render.QuotaTable;
import io.borealis.cli.transport.RoleQuota;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quota get CLUSTER/ROLE}: the role's quota and its production / non-production, shared /
 * dedicated consumption, as a table or (with {@code --write-json}) the JSON of spec/cli.md. A
 * role without a quota has quota zero.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print a role's quota and what its active tasks hold.")
final class QuotaGet extends SessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER/ROLE", converter = RoleKey.Converter.class)
    RoleKey roleKey;

    @Option(names = "--write-json", description = "print the quota as JSON")
    boolean json;

    QuotaGet(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        if (roleKey.environment() != null) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "quota get takes CLUSTER/ROLE; "
                    + "a quota belongs to a role, not to an environment");
        }
        RoleQuota quota;
        try {
            quota = session().scheduler(roleKey.cluster()).quota(roleKey.role());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (json) {
            QuotaTable.json(context.out(), quota);
        } else {
            QuotaTable.print(context.out(), roleKey.cluster() + "/" + roleKey.role(), quota);
        }
        return ExitCode.OK;
    }
}
