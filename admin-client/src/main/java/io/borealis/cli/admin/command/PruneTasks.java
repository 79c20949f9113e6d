package io.borealis.cli.admin.command;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.SchedulerException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prune_tasks CLUSTER}: deletes terminal tasks, and their events, from the scheduler's
 * history (Aurora's {@code pruneTasks}); active tasks are never touched. Narrowed by state,
 * role, environment, and at most {@code --limit} tasks.
 */
@Command(name = "prune_tasks", mixinStandardHelpOptions = true,
        description = "Delete terminal tasks from the scheduler's history.")
final class PruneTasks extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Option(names = "--states", paramLabel = "STATES",
            description = "comma list of terminal states (default: every terminal state)")
    String states;

    @Option(names = "--role", paramLabel = "ROLE", description = "only this role's tasks")
    String role;

    @Option(names = "--env", paramLabel = "ENV", description = "only this environment's tasks")
    String environment;

    @Option(names = "--limit", paramLabel = "N", description = "delete at most N tasks")
    Integer limit;

    PruneTasks(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Set<TaskStatus> terminal = Arrays.stream(TaskStatus.values())
                .filter(TaskStatus::isTerminal)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TaskStatus.class)));
        Set<TaskStatus> chosen = states == null ? terminal : Query.statuses(states);
        for (TaskStatus status : chosen) {
            if (!status.isTerminal()) {
                throw invalid("prune_tasks deletes only terminal tasks; " + status
                        + " is active (terminal states: " + terminal.stream().map(Enum::name)
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        if (limit != null && limit < 1) {
            throw invalid("--limit must be at least 1, got " + limit);
        }
        try {
            // The key rule for the parts given; placeholders stand in for the others.
            new JobKey(role == null ? "any" : role, environment == null ? "any" : environment,
                    "any");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage().replace("job key ", ""));
        }
        TaskQuery query = new TaskQuery(role, environment, null, null, chosen, null, null, null,
                null, limit);
        int pruned;
        try {
            pruned = admin(cluster).pruneTasks(query);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        println("Pruned " + pruned + " terminal task" + (pruned == 1 ? "" : "s") + " from "
                + cluster);
        return ExitCode.OK;
    }

    private static CliException invalid(String message) {
        return new CliException(ExitCode.INVALID_PARAMETER, message);
    }
}
