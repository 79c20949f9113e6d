package io.borealis.executor.sandbox;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.TaskLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The task's sandbox directory: the working directory of every process, with each run's logs
 * under {@code .logs/PROCESS/RUN/}. Called from the runner thread only.
 */
public final class Sandbox {
    /** Every process of a task carries this variable, so that its descendants can be found. */
    public static final String TASK_ID_VARIABLE = "BOREALIS_TASK_ID";
    /** The name of the process a descendant belongs to. */
    public static final String PROCESS_VARIABLE = "BOREALIS_PROCESS";
    /** Sourced by every bash process when present (Thermos's BASH_ENV convention). */
    public static final String PROFILE = ".thermos_profile";

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final TaskLayout layout;
    private final Map<String, String> hostEnvironment;

    /**
     * @param hostEnvironment the executor's own environment; only {@code HOME}, {@code PATH},
     *     {@code USER}, {@code LOGNAME}, {@code LANG} and {@code TZ} pass to processes
     */
    public Sandbox(TaskLayout layout, Map<String, String> hostEnvironment) {
        this.layout = requireNonNull(layout, "layout is null");
        this.hostEnvironment = Map.copyOf(requireNonNull(hostEnvironment, "hostEnvironment is null"));
    }

    /** Creates the sandbox directory if it does not exist. */
    public void create() throws IOException {
        Files.createDirectories(layout.sandbox());
    }

    /**
     * Hands the sandbox, with everything in it, to {@code account}, so that processes running as
     * that account can write there. Symbolic links are changed themselves, never followed.
     */
    public void grant(Account account) throws IOException {
        try (Stream<Path> paths = Files.walk(layout.sandbox())) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    public Path directory() {
        return layout.sandbox();
    }

    /** Creates {@code .logs/PROCESS/RUN/} and returns it. */
    public Path createLogDir(String process, int run) throws IOException {
        return Files.createDirectories(layout.logDir(process, run));
    }

    public Path stdout(String process, int run) {
        return layout.stdout(process, run);
    }

    public Path stderr(String process, int run) {
        return layout.stderr(process, run);
    }

    /** The environment of {@code process}: a minimal host environment plus the task's tags. */
    public Map<String, String> environment(String taskId, String process) {
        return environment(taskId, process, null);
    }

    /**
     * The environment of {@code process} run as {@code account} (null: the executor's own user):
     * a minimal host environment plus the task's tags. A process run as another account gets
     * that account's {@code USER} and {@code LOGNAME}, and the sandbox as {@code HOME}.
     */
    public Map<String, String> environment(String taskId, String process, Account account) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : new String[] {"HOME", "USER", "LOGNAME", "LANG", "TZ"}) {
            String value = hostEnvironment.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        if (account != null) {
            env.put("HOME", layout.sandbox().toString());
            env.put("USER", account.name());
            env.put("LOGNAME", account.name());
        }
        env.putIfAbsent("HOME", layout.sandbox().toString());
        env.put("PATH", hostEnvironment.getOrDefault("PATH", DEFAULT_PATH));
        Path profile = layout.sandbox().resolve(PROFILE);
        if (Files.isRegularFile(profile)) {
            env.put("BASH_ENV", profile.toString());
        }
        env.put(TASK_ID_VARIABLE, taskId);
        env.put(PROCESS_VARIABLE, process);
        return env;
    }
}
