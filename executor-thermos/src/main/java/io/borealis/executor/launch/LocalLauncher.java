package io.borealis.executor.launch;

import io.borealis.api.model.LoggerDestination;
import io.borealis.executor.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs processes on the host: {@code setsid /bin/bash -c CMDLINE} in the sandbox, so that each
 * run leads its own session and process group, with stdout and stderr redirected to files by
 * the operating system (no pumping threads). A run's processes are its session, its process group
 * and every process whose environment names its task and process, which also finds descendants
 * that double-fork out of the session. Signals go through {@link ProcessHandle}, which checks the
 * process start time and so never signals a recycled pid.
 *
 * <p>See {@link Launcher} for threading. The JDK reaps the top process of each run; exits are
 * reported on the JDK's process reaper thread.
 */
public final class LocalLauncher implements Launcher {
    private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

    private final String setsid;
    private final Map<Long, Process> started = new ConcurrentHashMap<>();
    /** Pids already sent SIGTERM: a repeated stop signals only processes that appeared since. */
    private final Set<Long> terminated = ConcurrentHashMap.newKeySet();

    public LocalLauncher() {
        this.setsid = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid";
    }

    @Override
    public RunHandle start(LaunchSpec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(setsid, "/bin/bash", "-c", spec.cmdline())
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        redirect(builder, spec);
        Process process = builder.start();
        started.put(process.pid(), process);
        return new RunHandle(spec.taskId(), spec.process(), spec.run(), process.pid(),
                System.currentTimeMillis());
    }

    private static void redirect(ProcessBuilder builder, LaunchSpec spec) {
        switch (spec.destination()) {
            case FILE, BOTH -> {
                // BOTH would also copy to the executor's console; until a tee is worth its
                // cost, the files are the record.
                builder.redirectOutput(spec.stdout().toFile());
                builder.redirectError(spec.stderr().toFile());
            }
            case CONSOLE -> builder.inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            case NONE -> builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
        }
    }

    @Override
    public CompletionStage<Integer> await(RunHandle run) {
        Process process = started.get(run.pid());
        if (process == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("run " + run + " was not started here"));
        }
        return process.onExit().thenApply(p -> {
            started.remove(run.pid());
            return p.exitValue();
        });
    }

    @Override
    /** Idempotent: a repeated call signals only processes of the run that appeared since. */
    public void stop(RunHandle run) {
        signal(members(run), false);
    }

    @Override
    public void destroy(RunHandle run) {
        signal(members(run), true);
    }

    @Override
    public boolean alive(RunHandle run) {
        return !members(run).isEmpty();
    }

    @Override
    public List<Long> recover(String taskId) {
        return ProcTable.scan(e -> taskId.equals(e.environment(Sandbox.TASK_ID_VARIABLE)))
                .stream().map(ProcTable.Entry::pid).toList();
    }

    @Override
    public void signalTask(String taskId, boolean force) {
        signal(recover(taskId), force);
    }

    private static List<Long> members(RunHandle run) {
        return ProcTable.scan(e -> e.session() == run.pid() || e.processGroup() == run.pid()
                        || e.pid() == run.pid()
                        || run.taskId().equals(e.environment(Sandbox.TASK_ID_VARIABLE))
                                && run.process().equals(e.environment(Sandbox.PROCESS_VARIABLE)))
                .stream().map(ProcTable.Entry::pid).toList();
    }

    private void signal(List<Long> pids, boolean force) {
        for (long pid : pids) {
            if (!force && !terminated.add(pid)) {
                continue;
            }
            ProcessHandle.of(pid).ifPresent(handle -> {
                boolean sent = force ? handle.destroyForcibly() : handle.destroy();
                log.debug("{} pid {}: {}", force ? "SIGKILL" : "SIGTERM", pid,
                        sent ? "sent" : "not sent");
            });
        }
    }
}
