package io.borealis.agent.tasks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The processes of this host as {@code /proc} shows them. Every process of a task carries the
 * environment variable {@code BOREALIS_TASK_ID}: the agent sets it on the executor, and the
 * executor's processes inherit it. That is how the agent recognises a task's executor after a
 * restart (a pid can be reused) and how it finds the processes a dead executor left behind.
 *
 * <p>Stateless and thread-safe. Processes of other users whose environment cannot be read are
 * treated as not belonging to any task, except by {@link #isTaskProcess} which then trusts the pid.
 */
public final class HostProcesses {
    public static final String TASK_ID_VARIABLE = "BOREALIS_TASK_ID";
    private static final Path PROC = Paths.get("/proc");

    private HostProcesses() {}

    /**
     * Whether {@code pid} is a live (not zombie) process of task {@code taskId}. A pid whose
     * environment names another task, or none, has been reused: false.
     */
    public static boolean isTaskProcess(long pid, String taskId) {
        Optional<Character> state = state(pid);
        if (state.isEmpty() || state.get() == 'Z' || state.get() == 'X') {
            return false;
        }
        Optional<List<String>> environment = environment(pid);
        return environment.isEmpty() || environment.get().contains(entry(taskId));
    }

    /** Every live process whose environment names {@code taskId}, except this JVM. */
    public static List<Long> taskProcesses(String taskId) {
        String wanted = entry(taskId);
        long self = ProcessHandle.current().pid();
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && environment(pid).map(env -> env.contains(wanted)).orElse(false)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC, e);
        }
        return pids;
    }

    /**
     * The task ids named by the environments of every live process (this JVM excepted): the
     * tasks that still have a process on this host. One pass over {@code /proc}.
     */
    public static Set<String> tasksWithProcesses() {
        String prefix = TASK_ID_VARIABLE + "=";
        long self = ProcessHandle.current().pid();
        Set<String> taskIds = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                environment(pid).ifPresent(env -> env.stream()
                        .filter(variable -> variable.startsWith(prefix))
                        .forEach(variable -> taskIds.add(variable.substring(prefix.length()))));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC, e);
        }
        return taskIds;
    }

    /** SIGKILLs every process of task {@code taskId}; returns their pids. */
    public static List<Long> killTaskProcesses(String taskId) {
        List<Long> pids = taskProcesses(taskId);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return pids;
    }

    private static String entry(String taskId) {
        return TASK_ID_VARIABLE + "=" + taskId;
    }

    /** The one-letter state of {@code /proc/PID/stat} (R, S, D, Z, ...), empty when gone. */
    private static Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), UTF_8);
            // The command name (field 2) is in parentheses and may itself hold ") ".
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length()
                    ? Optional.empty() : Optional.of(stat.charAt(close + 2));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The environment of {@code pid}, empty when it cannot be read (gone, or not ours). */
    private static Optional<List<String>> environment(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            return Optional.of(List.of(new String(raw, UTF_8).split("\0")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
