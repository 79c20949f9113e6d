package io.borealis.cli.admin.command;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.command.InstanceKey;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code query CLUSTER ROLE JOB}: the job's tasks in the given states (RUNNING unless
 * {@code --states}), one line each in the {@code -l} format, ordered by environment, instance
 * and task id (Aurora's {@code aurora_admin query}).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "List a job's tasks, one line each.")
final class Query extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Parameters(index = "1", paramLabel = "ROLE")
    String role;

    @Parameters(index = "2", paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "only this environment (default: every one)")
    String environment;

    @Option(names = "--shards", paramLabel = "IDS",
            description = "only these instances, e.g. 0,2,5 or 1-3 (default: every one)")
    String shards;

    @Option(names = "--states", paramLabel = "STATES", defaultValue = "RUNNING",
            description = "comma list of task states (default: ${DEFAULT-VALUE})")
    String states;

    @Option(names = {"-l", "--listformat"}, paramLabel = "FORMAT",
            defaultValue = TaskFormat.DEFAULT,
            description = "each task's line, with %%field%% placeholders (default: "
                    + "'%%role%%/%%name%%/%%instanceId%% %%status%%'); fields: taskId, role, "
                    + "environment, name, instanceId, status, host, agentId, failureCount, "
                    + "ancestorId, priority, tier, cpu, ramMb, diskMb")
    String listFormat;

    Query(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        TaskFormat format;
        Set<Integer> instances;
        try {
            // The key rule for each part; an environment stands in when none is given.
            new JobKey(role, environment == null ? "any" : environment, job);
            format = TaskFormat.parse(listFormat);
            instances = shards == null ? Set.of() : InstanceKey.parseInstances(shards);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID_PARAMETER, e.getMessage());
        }
        TaskQuery query = new TaskQuery(role, environment, job, null, statuses(states),
                instances, null, null, null, null);
        List<InstanceTask> tasks;
        try {
            tasks = admin(cluster).scheduler().tasks(query);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        tasks.stream()
                .sorted(Comparator.comparing((InstanceTask t) ->
                                t.task().assignedTask().task().job().environment())
                        .thenComparingInt(InstanceTask::instance)
                        .thenComparing(t -> t.task().assignedTask().taskId()))
                .map(format::format)
                .forEach(context.out()::println);
        context.out().flush();
        return ExitCode.OK;
    }

    static Set<TaskStatus> statuses(String text) throws CliException {
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String name : text.split(",", -1)) {
            try {
                statuses.add(TaskStatus.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.INVALID_PARAMETER, "unknown task state '"
                        + name.trim() + "' in --states; states: " + Arrays.stream(
                                TaskStatus.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")));
            }
        }
        return statuses;
    }
}
