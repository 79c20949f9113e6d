package io.borealis.executor.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A snapshot of the host's processes read from {@code /proc}: pid, session, process group and,
 * on demand, selected environment variables. Processes that vanish while being read, zombies,
 * and processes whose files cannot be read (other users') are skipped. The executor's own
 * process and its ancestors are never listed: the agent starts the executor with the task's tag
 * in its environment, and a wrapper that did not exec would carry it too. Stateless; any thread.
 */
public final class ProcTable {
    private static final Path PROC = Path.of("/proc");

    /** One live process. */
    public record Entry(long pid, long processGroup, long session) {
        /** The value of {@code variable} in this process's environment, or null. */
        public String environment(String variable) {
            byte[] environ;
            try {
                environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            } catch (IOException | SecurityException e) {
                return null;
            }
            String prefix = variable + "=";
            int start = 0;
            for (int i = 0; i <= environ.length; i++) {
                if (i == environ.length || environ[i] == 0) {
                    String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                    if (entry.startsWith(prefix)) {
                        return entry.substring(prefix.length());
                    }
                    start = i + 1;
                }
            }
            return null;
        }
    }

    private ProcTable() {}

    /** The live processes that match {@code filter}. */
    public static List<Entry> scan(Predicate<Entry> filter) {
        Set<Long> selfAndAncestors = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent();
                p = p.get().parent()) {
            selfAndAncestors.add(p.get().pid());
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, ProcTable::isPidDir)) {
            for (Path dir : dirs) {
                Entry entry = read(dir);
                if (entry != null && !selfAndAncestors.contains(entry.pid()) && filter.test(entry)) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC, e);
        }
        return entries;
    }

    private static boolean isPidDir(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Parses {@code /proc/PID/stat}; the command name may hold spaces and parentheses. */
    private static Entry read(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] state, [1] ppid, [2] pgrp, [3] session
        if (fields.length < 4 || fields[0].equals("Z") || fields[0].equals("X")) {
            return null;
        }
        return new Entry(Long.parseLong(dir.getFileName().toString()),
                Long.parseLong(fields[2]), Long.parseLong(fields[3]));
    }
}
