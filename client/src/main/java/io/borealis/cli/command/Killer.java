package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Kills instances of a job as Aurora's client does: one {@code killTasks} call per batch (all the
 * instances in one batch unless {@code --batch-size}), then, unless {@code --no-wait}, polls until
 * none of that batch's instances has an active task, before the next batch.
 */
final class Killer {
    private static final Set<TaskStatus> ACTIVE = Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::isActive)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(TaskStatus.class)));

    private final SchedulerClient scheduler;
    private final CliContext context;
    private final KillOptions options;

    Killer(SchedulerClient scheduler, CliContext context, KillOptions options) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.context = requireNonNull(context, "context is null");
        this.options = requireNonNull(options, "options is null");
    }

    /** @param instances the instances to kill; empty means every active instance */
    void kill(ClusterJobKey key, SortedSet<Integer> instances) throws CliException {
        if (options.batchSize != null && options.batchSize <= 0) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "--batch-size must be greater "
                    + "than 0, got " + options.batchSize);
        }
        SortedSet<Integer> targets = instances;
        if (targets.isEmpty() && options.batchSize != null) {
            targets = activeInstances(key);
        }
        List<SortedSet<Integer>> batches = batches(targets);
        for (SortedSet<Integer> batch : batches) {
            try {
                scheduler.killTasks(key.job(), batch, options.messageOrDefault());
            } catch (SchedulerException e) {
                throw CliException.from(e);
            }
            String what = batch.isEmpty() ? "all instances" : "instances " + join(batch);
            context.out().println("Kill of " + what + " of " + key + " accepted");
            context.out().flush();
            if (!options.noWait) {
                TaskQuery query = new TaskQuery(key.job().role(), key.job().environment(),
                        key.job().name(), null, ACTIVE, batch.isEmpty() ? null : batch, null,
                        null, null, null);
                new TaskWaiter(scheduler, context).await(query, List::isEmpty,
                        tasks -> tasks.size() + " task(s) of " + key + " still active",
                        options.waitTimeout);
                context.out().println("All killed instances of " + key + " have ended");
                context.out().flush();
            }
        }
    }

    private SortedSet<Integer> activeInstances(ClusterJobKey key) throws CliException {
        try {
            TaskQuery query = new TaskQuery(key.job().role(), key.job().environment(),
                    key.job().name(), null, ACTIVE, null, null, null, null, null);
            return scheduler.tasks(query).stream().map(InstanceTask::instance)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
    }

    private List<SortedSet<Integer>> batches(SortedSet<Integer> instances) {
        List<SortedSet<Integer>> batches = new ArrayList<>();
        if (options.batchSize == null || instances.isEmpty()) {
            batches.add(instances);
            return batches;
        }
        SortedSet<Integer> current = new TreeSet<>();
        for (int instance : instances) {
            current.add(instance);
            if (current.size() == options.batchSize) {
                batches.add(current);
                current = new TreeSet<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static String join(Set<Integer> instances) {
        return instances.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
