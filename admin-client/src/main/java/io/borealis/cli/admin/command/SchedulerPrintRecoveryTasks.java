package io.borealis.cli.admin.command;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.InstanceTask;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scheduler_print_recovery_tasks CLUSTER}: the staged recovery's tasks, one line each in
 * the {@code -l} format, ordered by job key, instance and task id; narrowed by role, environment,
 * job and states.
 */
@Command(name = "scheduler_print_recovery_tasks", mixinStandardHelpOptions = true,
        description = "Print the staged recovery's tasks, one line each.")
final class SchedulerPrintRecoveryTasks extends BackupCommand {
    static final String FORMAT = "%taskId% %role%/%environment%/%name%/%instanceId% %status%";

    @Option(names = "--role", paramLabel = "ROLE", description = "only this role's tasks")
    String role;

    @Option(names = "--env", paramLabel = "ENV", description = "only this environment's tasks")
    String environment;

    @Option(names = "--job", paramLabel = "NAME", description = "only this job's tasks")
    String job;

    @Option(names = "--states", paramLabel = "STATES",
            description = "comma list of task states (default: every state)")
    String states;

    @Option(names = {"-l", "--listformat"}, paramLabel = "FORMAT", defaultValue = FORMAT,
            description = "each task's line, with %%field%% placeholders (default: "
                    + "'%%taskId%% %%role%%/%%environment%%/%%name%%/%%instanceId%% "
                    + "%%status%%'); the fields of query")
    String listFormat;

    SchedulerPrintRecoveryTasks(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        TaskFormat format;
        try {
            // The key rule for the parts given; placeholders stand in for the others.
            new JobKey(role == null ? "any" : role, environment == null ? "any" : environment,
                    job == null ? "any" : job);
            format = TaskFormat.parse(listFormat);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage().replace("job key ", ""));
        }
        Set<TaskStatus> chosen = states == null ? Set.of() : Query.statuses(states);
        TaskQuery query = new TaskQuery(role, environment, job, null, chosen, null, null, null,
                null, null);
        List<InstanceTask> tasks = call(client -> client.queryRecovery(query));
        tasks.stream()
                .sorted(Comparator.comparing((InstanceTask t) ->
                                t.task().assignedTask().task().job().toString())
                        .thenComparingInt(InstanceTask::instance)
                        .thenComparing(t -> t.task().assignedTask().taskId()))
                .map(format::format)
                .forEach(context.out()::println);
        context.out().flush();
        return ExitCode.OK;
    }
}
