package io.borealis.executor.runner;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.CheckpointLog;
import io.borealis.api.checkpoint.CheckpointState;
import io.borealis.api.checkpoint.ProcessState;
import io.borealis.api.checkpoint.TaskState;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.PortAliases;
import io.borealis.api.model.Process;
import io.borealis.api.model.TaskSpec;
import io.borealis.executor.checkpoint.CheckpointWriter;
import io.borealis.executor.graph.ProcessGraph;
import io.borealis.executor.health.HealthCheck;
import io.borealis.executor.health.HealthChecks;
import io.borealis.executor.health.HealthMonitor;
import io.borealis.executor.sandbox.Account;
import io.borealis.executor.launch.Launcher;
import io.borealis.executor.resources.ResourceSampler;
import io.borealis.executor.sandbox.Sandbox;
import io.borealis.executor.sandbox.TemplateContext;
import io.borealis.executor.sandbox.Templates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Runs one task to its end, Thermos style: the regular processes in order (ACTIVE), then stops
 * what is left (CLEANING), then runs the final processes (FINALIZING) within the task's
 * finalization wait, then records SUCCESS, FAILED or KILLED.
 *
 * <pre>
 *   ACTIVE --(plan complete | too many failures | stuck | kill)--> CLEANING
 *   CLEANING --(final processes exist)--> FINALIZING --> SUCCESS | FAILED | KILLED
 *   CLEANING --(no final processes)--------------------> SUCCESS | FAILED | KILLED
 * </pre>
 *
 * <p>Threading: {@link #run} blocks the calling thread, the runner thread, which does all the
 * work; {@link #kill} may be called from any thread at any time, also before {@code run}.
 * Failure: a task that cannot run (bad graph, unknown template reference) ends FAILED with a
 * message naming the problem; {@code run} throws only if the executor itself breaks (the
 * checkpoint cannot be written), after SIGKILLing every process of the task.
 */
public final class TaskRunner {
    /** While this file exists in the sandbox, health checks count as passed (Aurora's snooze). */
    public static final String SNOOZE_FILE = ".healthchecksnooze";

    private final AssignedTask task;
    private final RunnerConfig config;
    private final Launcher launcher;
    private final ShutdownLifecycle lifecycle;
    private final List<String> pendingKills = new ArrayList<>();
    private ProcessControl control;

    public TaskRunner(AssignedTask task, RunnerConfig config, Launcher launcher,
            ShutdownLifecycle lifecycle) {
        this.task = requireNonNull(task, "task is null");
        this.config = requireNonNull(config, "config is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    }

    /** Asks the runner to kill the task; the first reason given is the one recorded. */
    public void kill(String reason) {
        requireNonNull(reason, "reason is null");
        synchronized (pendingKills) {
            if (control == null) {
                pendingKills.add(reason);
                return;
            }
        }
        control.post(new RunnerEvent.KillRequested(reason, TaskState.KILLED));
    }

    /**
     * Runs the task until it is terminal and returns its terminal state. If the checkpoint
     * already holds a terminal state, returns it without running anything.
     */
    public TaskState run() throws IOException {
        CheckpointState previous = CheckpointState.replay(
                CheckpointLog.read(config.layout().checkpoint()));
        if (previous.state() != null && previous.state().isTerminal()) {
            return previous.state();
        }
        Sandbox sandbox = new Sandbox(config.layout(), config.hostEnvironment());
        try (CheckpointWriter checkpoint = CheckpointWriter.open(config.layout().checkpoint(),
                config.clock(), task.taskId(), previous.lastSeq())) {
            ProcessControl processes = new ProcessControl(task.taskId(), launcher, sandbox,
                    checkpoint, config.stopGrace());
            synchronized (pendingKills) {
                control = processes;
                pendingKills.forEach(r -> processes.post(
                        new RunnerEvent.KillRequested(r, TaskState.KILLED)));
            }
            Account account = null;
            String userProblem = null;
            try {
                account = config.userPolicy().accountFor(task.task().job().role(),
                        config.hostname()).orElse(null);
            } catch (IllegalArgumentException e) {
                userProblem = e.getMessage();
            }
            // Header, health and ACTIVE go to disk together, with one fsync (issue 4).
            checkpoint.hold();
            checkpoint.header(config.hostname(), account != null ? account.name()
                    : System.getProperty("user.name", "unknown"), config.executorPid(),
                    config.instance(), ports());
            try {
                forgetEarlierRuns(previous, checkpoint);
                if (userProblem != null) {
                    checkpoint.task(TaskState.FAILED, "cannot run task: " + userProblem);
                    return TaskState.FAILED;
                }
                processes.runAs(account);
                return runTask(new TaskContext(sandbox, checkpoint, processes, account),
                        previous);
            } catch (RuntimeException | Error e) {
                processes.destroyEverything();
                throw e;
            }
        }
    }

    /**
     * An earlier executor of this task died: its unfinished runs are LOST and its processes go.
     * The task then runs again from the start, numbering runs after the recorded ones.
     */
    private void forgetEarlierRuns(CheckpointState previous, CheckpointWriter checkpoint) {
        if (previous.state() == null && previous.processes().isEmpty()) {
            return;
        }
        previous.processes().values().forEach(runs -> {
            CheckpointState.ProcessRun last = runs.get(runs.size() - 1);
            if (!last.state().isTerminal()) {
                checkpoint.process(last.process(), last.run(), ProcessState.LOST, last.pid(), null,
                        "the executor running it went away");
            }
        });
        launcher.signalTask(task.taskId(), true);
    }

    /** What one run of the task works with. */
    private record TaskContext(Sandbox sandbox, CheckpointWriter checkpoint,
            ProcessControl processes, Account account) {}

    private TaskState runTask(TaskContext context, CheckpointState previous) throws IOException {
        TaskSpec spec = task.task().task();
        CheckpointWriter checkpoint = context.checkpoint();
        ProcessGraph graph;
        List<ProcessRecord> records = new ArrayList<>();
        Optional<HealthCheck> healthCheck;
        try {
            graph = ProcessGraph.of(spec);
            Templates templates = new Templates(templateContext());
            List<String> problems = new ArrayList<>();
            for (Process process : graph.processes().values()) {
                try {
                    ProcessRecord record = new ProcessRecord(process,
                            templates.resolve(process.name(), process.cmdline()));
                    record.continueAfter(previous.processes()
                            .getOrDefault(process.name(), List.of()).size());
                    records.add(record);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            healthCheck = healthCheck(context, templates, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        } catch (IllegalArgumentException e) {
            checkpoint.task(TaskState.FAILED, "cannot run task: " + e.getMessage());
            return TaskState.FAILED;
        }
        context.sandbox().create();
        if (context.account() != null) {
            context.sandbox().grant(context.account());
        }
        Plan regular = new Plan(graph, records.stream().filter(r -> !r.process().isFinal())
                .toList(), spec.maxConcurrency());
        Plan finals = new Plan(graph, records.stream().filter(r -> r.process().isFinal())
                .toList(), spec.maxConcurrency());
        checkpoint.health(healthCheck.isEmpty(), healthCheck.map(c -> "waiting for the health "
                + "check: " + c.describe()).orElse("no health check: healthy once running"));
        checkpoint.task(TaskState.ACTIVE, null);
        checkpoint.release();
        ProcessControl processes = context.processes();
        HealthMonitor monitor = healthCheck.map(check -> new HealthMonitor(check,
                HealthChecks.tracker(spec.healthCheck()), HealthChecks.interval(spec.healthCheck()),
                context.sandbox().directory().resolve(SNOOZE_FILE), new HealthMonitor.Listener() {
                    @Override
                    public void healthy(String message) {
                        processes.post(new RunnerEvent.HealthChanged(true, message));
                    }

                    @Override
                    public void unhealthy(String message) {
                        processes.post(new RunnerEvent.HealthChanged(false, message));
                    }
                })).orElse(null);
        ResourceSampler sampler = new ResourceSampler(task.taskId(),
                context.sandbox().directory(), config.layout().resources(),
                task.task().resources(), config.resourceInterval(), config.clock(),
                message -> processes.post(new RunnerEvent.KillRequested(message,
                        TaskState.FAILED)));
        sampler.start();
        if (monitor != null) {
            monitor.start();
        }
        Outcome outcome;
        try {
            outcome = new Stages(spec, processes, checkpoint, lifecycle,
                    config.stopGrace().toMillis()).run(regular, finals, () -> {
                        if (monitor != null) {
                            monitor.close();
                        }
                    });
        } finally {
            sampler.close();
            if (monitor != null) {
                monitor.close();
            }
        }
        checkpoint.task(outcome.state(), outcome.message());
        return outcome.state();
    }

    /** The task's health check, if it has one; a problem building it joins {@code problems}. */
    private Optional<HealthCheck> healthCheck(TaskContext context, Templates templates,
            List<String> problems) {
        try {
            return HealthChecks.forTask(task.task().task().healthCheck(), ports(),
                    templates, context.sandbox().directory(),
                    context.sandbox().environment(task.taskId(), "health-check",
                            context.account()), context.account());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private TemplateContext templateContext() {
        return new TemplateContext(task.taskId(), task.task().job().role(), config.instance(),
                config.hostname(), ports());
    }

    /**
     * Every port name of the task with its number: the assigned ports, and each announcer alias
     * with the number of the port it names ({@code {{thermos.ports[alias]}}} equals the
     * target's; the scheduler allocates only real names).
     */
    private Map<String, Integer> ports() {
        return PortAliases.resolve(task.assignedPorts(), task.task().announce());
    }

    /** How the task ended, and why. */
    record Outcome(TaskState state, String message) {}

    /** Describes failed processes as {@code process 'a' failed: exit status 1; ...}. */
    static String describeFailures(List<ProcessRecord> failed) {
        return failed.stream().map(r -> "process '" + r.name() + "' failed: " + r.lastFailure())
                .collect(Collectors.joining("; "));
    }

    static long timeout(OptionalLong wakeAt, long now) {
        return wakeAt.isPresent() ? Math.max(0, wakeAt.getAsLong() - now) : -1;
    }
}
