package io.borealis.executor.launch.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import io.borealis.executor.launch.LaunchSpec;
import io.borealis.executor.launch.Launcher;
import io.borealis.executor.launch.LocalLauncher;
import io.borealis.executor.launch.RunHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each run of a process inside the task's container with {@code exec}, attached, so that
 * the end of the exec's stream says the process ended and {@code exec inspect} gives its exit
 * code. Inside the container a POSIX shell redirects the run's output into the mounted sandbox's
 * {@code .logs/PROCESS/RUN/} files (no pumping), then runs the command line with {@code bash -c}
 * when the image has bash, else in that shell after sourcing {@code .thermos_profile}.
 *
 * <p>Signals: the engine runs on this host (it must, to mount the sandbox), so the processes of
 * an exec are host processes, each exec leads its own session, and each carries
 * {@code BOREALIS_TASK_ID} and {@code BOREALIS_PROCESS} in its environment. {@code stop},
 * {@code destroy}, {@code alive}, {@code recover} and {@code signalTask} therefore work exactly
 * as for {@link LocalLauncher} (session, process group, environment tags, double-forked
 * descendants included), on the host pid that {@code exec inspect} reports; only the
 * container's keeper is left alone, since removing the container ends it.
 *
 * <p>Threading: see {@link Launcher}; {@code await}'s stage completes on docker-java's stream
 * thread of that exec. The container must have been started ({@link TaskContainer#start}).
 */
public final class DockerLauncher implements Launcher {
    /**
     * $1 stdout file, $2 stderr file ("" = leave the attached stream), $3 the command line.
     * The shell's pid leads its own session (the runtime calls setsid for every exec).
     */
    static final String WRAPPER = String.join("\n",
            "[ -z \"$1\" ] || exec >\"$1\"",
            "[ -z \"$2\" ] || exec 2>\"$2\"",
            "exec </dev/null",
            "if command -v bash >/dev/null 2>&1; then exec bash -c \"$3\"; fi",
            "c=$3; set --",
            "if [ -n \"$BASH_ENV\" ] && [ -f \"$BASH_ENV\" ]; then . \"$BASH_ENV\"; fi",
            "eval \"$c\"");
    /** How long start waits for the engine to report the exec's pid. */
    private static final long PID_WAIT_MILLIS = 5_000;
    private static final long POLL_MILLIS = 10;

    private final DockerClient client;
    private final TaskContainer container;
    private final LocalLauncher host = new LocalLauncher();
    private final Map<Long, Exec> execs = new ConcurrentHashMap<>();
    /** Runs whose exec ended before its pid could be read get negative stand-in pids. */
    private final AtomicLong standIns = new AtomicLong();

    /** One exec: its id, and a stage that completes when its attached stream ends. */
    private record Exec(String id, CompletableFuture<Void> ended) {}

    public DockerLauncher(DockerClient client, TaskContainer container) {
        this.client = requireNonNull(client, "client is null");
        this.container = requireNonNull(container, "container is null");
    }

    @Override
    public RunHandle start(LaunchSpec spec) throws IOException {
        String containerId = container.id();
        if (containerId == null) {
            throw new IOException("container " + container.spec().name() + " is not running");
        }
        String stdout = "";
        String stderr = "";
        switch (spec.destination()) {
            case FILE, BOTH -> {
                stdout = spec.stdout().toString();
                stderr = spec.stderr().toString();
            }
            case CONSOLE -> { }
            case NONE -> {
                stdout = "/dev/null";
                stderr = "/dev/null";
            }
        }
        try {
            String execId = client.execCreateCmd(containerId)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withEnv(environment(spec))
                    .withWorkingDir(spec.workingDirectory().toString())
                    .withCmd("/bin/sh", "-c", WRAPPER, "borealis-run", stdout, stderr,
                            spec.cmdline())
                    .exec()
                    .getId();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            client.execStartCmd(execId).withDetach(false).exec(new Stream(ended));
            long pid = hostPid(execId, ended);
            execs.put(pid, new Exec(execId, ended));
            return new RunHandle(spec.taskId(), spec.process(), spec.run(), pid,
                    System.currentTimeMillis());
        } catch (DockerException e) {
            throw new IOException("docker exec: " + DockerEngine.reason(e), e);
        }
    }

    /**
     * The container's environment stays; the run adds the launcher's variables except the
     * host's PATH (the image's applies) and HOME, USER, LOGNAME, which name host things.
     */
    private static List<String> environment(LaunchSpec spec) {
        List<String> env = new ArrayList<>();
        spec.environment().forEach((name, value) -> {
            switch (name) {
                case "PATH", "HOME", "USER", "LOGNAME" -> { }
                default -> env.add(name + "=" + value);
            }
        });
        env.add("HOME=" + spec.workingDirectory());
        return env;
    }

    /** Polls {@code exec inspect} until it names the exec's host pid, or the exec has ended. */
    private long hostPid(String execId, CompletableFuture<Void> ended) {
        long deadline = System.currentTimeMillis() + PID_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Long pid = client.inspectExecCmd(execId).exec().getPidLong();
            if (pid != null && pid > 0) {
                return pid;
            }
            if (ended.isDone()) {
                break;
            }
            pause(POLL_MILLIS);
        }
        return -standIns.incrementAndGet();
    }

    @Override
    public CompletionStage<Integer> await(RunHandle run) {
        Exec exec = execs.get(run.pid());
        if (exec == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("run " + run + " was not started here"));
        }
        return exec.ended().thenApply(ignored -> {
            execs.remove(run.pid());
            return exitCode(exec.id());
        });
    }

    /** The exit code once the engine has recorded the end of the exec. */
    private int exitCode(String execId) {
        long deadline = System.currentTimeMillis() + PID_WAIT_MILLIS;
        while (true) {
            InspectExecResponse inspected = client.inspectExecCmd(execId).exec();
            boolean running = Boolean.TRUE.equals(inspected.isRunning());
            if (!running && inspected.getExitCodeLong() != null) {
                return inspected.getExitCodeLong().intValue();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the engine did not record the end of exec "
                        + execId);
            }
            pause(POLL_MILLIS);
        }
    }

    @Override
    public void stop(RunHandle run) {
        host.stop(run);
    }

    @Override
    public void destroy(RunHandle run) {
        host.destroy(run);
    }

    @Override
    public boolean alive(RunHandle run) {
        return host.alive(run);
    }

    /** Every live process tagged with the task, except the container's keeper. */
    @Override
    public List<Long> recover(String taskId) {
        long keeper = container.keeperPid();
        return host.recover(taskId).stream().filter(pid -> pid != keeper).toList();
    }

    @Override
    public void signalTask(String taskId, boolean force) {
        for (long pid : recover(taskId)) {
            ProcessHandle.of(pid).ifPresent(p -> {
                if (force) {
                    p.destroyForcibly();
                } else {
                    p.destroy();
                }
            });
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine", e);
        }
    }

    /**
     * The attached stream of one exec: its end is the process's end. Output arrives here only
     * for the CONSOLE destination, and goes to the executor's own stdout and stderr.
     */
    private static final class Stream extends ResultCallback.Adapter<Frame> {
        private final CompletableFuture<Void> ended;

        Stream(CompletableFuture<Void> ended) {
            this.ended = ended;
        }

        @Override
        public void onNext(Frame frame) {
            PrintStream target = switch (frame.getStreamType()) {
                case STDOUT, RAW -> System.out;
                case STDERR -> System.err;
                case STDIN -> null;
            };
            if (target != null) {
                target.write(frame.getPayload(), 0, frame.getPayload().length);
                target.flush();
            }
        }

        @Override
        public void onError(Throwable error) {
            ended.completeExceptionally(error);
            closeQuietly();
        }

        @Override
        public void onComplete() {
            ended.complete(null);
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // the stream is over either way
            }
        }
    }
}
