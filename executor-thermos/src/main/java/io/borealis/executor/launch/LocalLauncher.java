package io.borealis.executor.launch;

import io.borealis.api.model.LoggerDestination;
import io.borealis.executor.sandbox.Sandbox;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs processes on the host: {@code setsid [setpriv ...] /bin/bash -c CMDLINE} in the sandbox,
 * so that each run leads its own session and process group, as the run's {@link io.borealis.executor.sandbox.Account} when
 * it names one. Stdout and stderr are redirected to files by the operating system, except when
 * the logger rotates or writes to both file and console: then they pass through pipes and a
 * {@link LogPump} per stream. A run's processes are its session, its process group
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
        List<String> bash = List.of("/bin/bash", "-c", spec.cmdline());
        List<String> command = new ArrayList<>(List.of(setsid));
        command.addAll(spec.account() == null ? bash : spec.account().wrap(bash));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        boolean pumped = redirect(builder, spec);
        Process process = builder.start();
        if (pumped) {
            pump(process, spec);
        }
        started.put(process.pid(), process);
        return new RunHandle(spec.taskId(), spec.process(), spec.run(), process.pid(),
                System.currentTimeMillis());
    }

    /**
     * Points the run's output where its logger says. Returns true when the output goes through
     * pipes that {@link #pump} must drain: rotation and the {@code both} destination need the
     * executor in the way; everything else is redirected by the OS.
     */
    private static boolean redirect(ProcessBuilder builder, LaunchSpec spec) {
        return switch (spec.destination()) {
            case FILE -> {
                if (spec.rotation() != null) {
                    yield true;
                }
                builder.redirectOutput(spec.stdout().toFile());
                builder.redirectError(spec.stderr().toFile());
                yield false;
            }
            case BOTH -> true;
            case CONSOLE -> {
                builder.redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
                yield false;
            }
            case NONE -> {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                yield false;
            }
        };
    }

    private static void pump(Process process, LaunchSpec spec) throws IOException {
        boolean console = spec.destination() == LoggerDestination.BOTH;
        String name = "log-" + spec.process() + "-" + spec.run();
        LogPump.start(process.getInputStream(), new LogFile(spec.stdout(), spec.rotation()),
                console ? System.out : null, name + "-stdout");
        LogPump.start(process.getErrorStream(), new LogFile(spec.stderr(), spec.rotation()),
                console ? System.err : null, name + "-stderr");
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
