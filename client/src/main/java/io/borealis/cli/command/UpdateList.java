package io.borealis.cli.command;

import io.borealis.api.model.JobKey;
import io.borealis.cli.render.JsonOutput;
import io.borealis.cli.transport.JobUpdateView;
import io.borealis.cli.transport.SchedulerException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code update list JOBKEY|CLUSTER[/ROLE]}: the updates of a job, a role or a cluster, newest
 * first, optionally of one status ({@code active} for the six active ones).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the updates of a job, a role or a cluster, newest first.")
final class UpdateList extends SessionCommand {
    static final Set<String> STATUSES = Set.of("ROLLING_FORWARD", "ROLLING_BACK",
            "ROLL_FORWARD_PAUSED", "ROLL_BACK_PAUSED", "ROLL_FORWARD_AWAITING_PULSE",
            "ROLL_BACK_AWAITING_PULSE", "ROLLED_FORWARD", "ROLLED_BACK", "ABORTED", "ERROR",
            "FAILED");
    static final Set<String> ACTIVE = Set.of("ROLLING_FORWARD", "ROLLING_BACK",
            "ROLL_FORWARD_PAUSED", "ROLL_BACK_PAUSED", "ROLL_FORWARD_AWAITING_PULSE",
            "ROLL_BACK_AWAITING_PULSE");

    @Parameters(index = "0", paramLabel = "JOBKEY|CLUSTER[/ROLE]",
            description = "CLUSTER/ROLE/ENV/NAME, CLUSTER/ROLE or CLUSTER")
    String target;

    @Option(names = "--status", paramLabel = "STATE",
            description = "only updates in this state, or 'active' for every active state")
    String status;

    @Option(names = "--write-json", description = "print JSON: [{job, id, status, user, "
            + "started, lastModified}]")
    boolean json;

    /** One line of {@code --write-json} (spec/cli.md). */
    record Row(String job, String id, String status, String user, long started,
            long lastModified) {}

    UpdateList(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Set<String> statuses = statuses();
        String[] parts = target.split("/", -1);
        List<JobUpdateView> updates;
        try {
            if (parts.length == 4) {
                ClusterJobKey key = ClusterJobKey.parse(target);
                updates = session().scheduler(key.cluster()).jobUpdates(key.job(), null, statuses);
            } else if (parts.length <= 2 && !parts[0].isEmpty()) {
                String role = parts.length == 2 ? JobKey.checkRole(parts[1]) : null;
                updates = session().scheduler(parts[0]).jobUpdates(null, role, statuses);
            } else {
                throw new CliException(ExitCode.INVALID_PARAMETER, "'" + target + "' is neither "
                        + "CLUSTER/ROLE/ENV/NAME nor CLUSTER[/ROLE]");
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID_PARAMETER, e.getMessage());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (json) {
            JsonOutput.write(context.out(), updates.stream().map(u -> new Row(u.job(), u.id(),
                    u.status(), u.user(), u.started(), u.lastModified())).toList());
            return ExitCode.OK;
        }
        for (JobUpdateView u : updates) {
            context.out().printf("%-40s %-36s %-28s %-12s %s%n", u.job(), u.id(), u.status(),
                    u.user(), Instant.ofEpochMilli(u.started()));
        }
        context.out().flush();
        return ExitCode.OK;
    }

    private Set<String> statuses() throws CliException {
        if (status == null) {
            return Set.of();
        }
        if (status.equalsIgnoreCase("active")) {
            return ACTIVE;
        }
        String name = status.toUpperCase(java.util.Locale.ROOT);
        if (!STATUSES.contains(name)) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "unknown update state '" + status
                    + "': give 'active' or one of " + new java.util.TreeSet<>(STATUSES));
        }
        return Set.of(name);
    }
}
