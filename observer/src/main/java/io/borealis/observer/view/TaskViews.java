package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.CheckpointRecord;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.CheckpointState.ProcessRun;
import io.borealis.api.checkpoint.ResourceUsage;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.Process;
import io.borealis.observer.checkpoint.ObservedTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds view records from observed tasks plus what the host measures now.
 *
 * <p>A task's totals come from its executor's latest sample ({@code resources.json}) while the
 * task is active and the sample is at most {@link #SAMPLE_MAX_AGE} old: the executor counts every
 * process of the task, including those that left their session. Otherwise (no sample yet, an
 * executor that stopped writing, a finished task) the totals are the observer's own: the
 * checkpoint's live pids and their descendants from {@code /proc}, and a walk of the sandbox.
 * Per-process figures are always the observer's own.
 *
 * <p>Called by the web handlers, concurrently; holds no per-request state. Each call takes one
 * process-table snapshot, so every number the observer measures for a page comes from the same
 * moment.
 */
public final class TaskViews {
    /** Active tasks first, newest first within each group. */
    static final Comparator<TaskSummary> ORDER = Comparator
            .comparing((TaskSummary t) -> !t.active())
            .thenComparing(TaskSummary::startTime, Comparator.reverseOrder())
            .thenComparing(TaskSummary::taskId, Comparator.reverseOrder());

    /**
     * The oldest executor sample still shown as the task's use. The executor writes one every
     * 5 s, so an older one means it has stopped (or stalled), and the observer measures instead.
     */
    public static final Duration SAMPLE_MAX_AGE = Duration.ofSeconds(30);

    private final ResourceSampler sampler;
    private final DiskUsage disk;
    private final Clock clock;

    public TaskViews(ResourceSampler sampler, DiskUsage disk, Clock clock) {
        this.sampler = requireNonNull(sampler, "sampler is null");
        this.disk = requireNonNull(disk, "disk is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The task list: active tasks first, then finished ones, newest first in each. */
    public List<TaskSummary> summaries(List<ObservedTask> tasks) {
        ProcTable table = sampler.snapshot();
        return tasks.stream().map(task -> build(task, table).summary()).sorted(ORDER).toList();
    }

    /** Everything about one task. */
    public TaskView task(ObservedTask task) {
        return build(task, sampler.snapshot());
    }

    private TaskView build(ObservedTask task, ProcTable table) {
        CheckpointState checkpoint = task.checkpoint();
        CheckpointRecord.Header header = checkpoint.header();
        AssignedTask assigned = task.assigned();
        boolean active = checkpoint.state() == null || !checkpoint.state().isTerminal();
        List<ProcessView> processes = processes(task, table, active);
        Optional<ResourceUse> sampled = active
                ? executorSample(task.resources(), clock.millis())
                : Optional.empty();
        ResourceUse use = sampled.orElseGet(() -> processes.stream()
                .map(ProcessView::resources)
                .reduce(ResourceUse.NONE, ResourceUse::plus)
                .withDiskBytes(disk.bytes(task.layout().sandbox())));
        TaskSummary summary = new TaskSummary(
                task.taskId(),
                assigned == null ? null : assigned.task().job().toString(),
                instanceOf(assigned, header, task.taskId()),
                stateName(checkpoint.state()),
                active,
                header != null ? header.timestamp() : task.createdMillis(),
                use);
        Long executorPid = header == null ? null : header.executorPid();
        return new TaskView(
                summary,
                checkpoint.message(),
                task.assignedProblem(),
                header == null ? null : header.hostname(),
                header == null ? null : header.user(),
                executorPid,
                executorPid != null && table.isLive(executorPid, header.timestamp()),
                checkpoint.lastTimestamp(),
                assigned == null ? null : assigned.task().resources(),
                ports(assigned, header),
                processes);
    }

    /**
     * The executor's {@code sample} (null for none) as a task's use, when it was taken within
     * {@link #SAMPLE_MAX_AGE} of {@code nowMillis} (either way: a sample from far in the future
     * means a clock jumped, and cannot be judged fresh either).
     */
    static Optional<ResourceUse> executorSample(ResourceUsage sample, long nowMillis) {
        return Optional.ofNullable(sample)
                .filter(u -> Math.abs(nowMillis - u.timestamp()) <= SAMPLE_MAX_AGE.toMillis())
                .map(u -> new ResourceUse(u.cpu(), u.ramBytes(), u.diskBytes(), u.processes(),
                        new ResourceUse.ExecutorSample(u.timestamp(),
                                Math.max(0, nowMillis - u.timestamp()))));
    }

    private static String stateName(TaskState state) {
        return state == null ? "STARTING" : state.name();
    }

    /** The instance: from task.json, else from the executor's header, else from the task id. */
    private static Integer instanceOf(AssignedTask assigned, CheckpointRecord.Header header,
            String taskId) {
        if (assigned != null) {
            return assigned.instanceId();
        }
        return header != null ? Integer.valueOf(header.instance()) : instanceOf(taskId);
    }

    /**
     * The instance from a task id of the form {@code millis-role-env-name-INSTANCE-hex}, or null
     * when the id does not have that form.
     */
    static Integer instanceOf(String taskId) {
        String[] parts = taskId.split("-");
        if (parts.length < 6) {
            return null;
        }
        try {
            return Integer.valueOf(parts[parts.length - 2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Integer> ports(AssignedTask assigned,
            CheckpointRecord.Header header) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (assigned != null) {
            ports.putAll(assigned.assignedPorts());
        }
        if (header != null) {
            ports.putAll(header.ports());
        }
        return ports;
    }

    /** Processes named in task.json, in its order, then any others the checkpoint knows. */
    private List<ProcessView> processes(ObservedTask task, ProcTable table, boolean taskActive) {
        Map<String, Process> configured = new LinkedHashMap<>();
        if (task.assigned() != null) {
            task.assigned().task().task().processes().forEach(p -> configured.put(p.name(), p));
        }
        List<String> names = new ArrayList<>(configured.keySet());
        task.checkpoint().processes().keySet().stream()
                .filter(name -> !configured.containsKey(name))
                .forEach(names::add);
        List<ProcessView> views = new ArrayList<>();
        for (String name : names) {
            List<RunView> runs = task.checkpoint().processes().getOrDefault(name, List.of())
                    .stream().map(run -> run(run, table, taskActive)).toList();
            Process config = configured.get(name);
            RunView latest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            views.add(new ProcessView(
                    name,
                    config == null ? null : config.cmdline(),
                    latest == null ? "WAITING" : latest.state(),
                    config != null && config.daemon(),
                    config != null && config.ephemeral(),
                    config != null && config.isFinal(),
                    runs,
                    latest == null ? ResourceUse.NONE : latest.resources()));
        }
        return views;
    }

    private RunView run(ProcessRun run, ProcTable table, boolean taskActive) {
        // A pid is only trusted while the checkpoint says the run and the task are alive and the
        // process started no later than the run did; otherwise the pid may have been reused.
        boolean live = taskActive && !run.state().isTerminal() && run.pid() != null
                && table.isLive(run.pid(), run.startTime());
        long now = clock.millis();
        long end = run.stopTime() > 0 ? run.stopTime() : run.state().isTerminal() ? 0 : now;
        long duration = run.startTime() > 0 && end >= run.startTime() ? end - run.startTime() : 0;
        String logDir = ".logs/" + run.process() + "/" + run.run() + "/";
        return new RunView(
                run.run(),
                run.state().name(),
                live,
                run.pid(),
                run.exitCode(),
                run.startTime(),
                run.stopTime(),
                duration,
                run.message(),
                logDir + "stdout",
                logDir + "stderr",
                live ? sampler.measure(table, List.of(run.pid())) : ResourceUse.NONE);
    }
}
