package io.borealis.agent.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * What this machine offers, for the resource flags left unset: processors as the JVM sees them,
 * total memory from {@code /proc/meminfo}, total disk of the work directory's file store.
 */
final class MachineResources {
    private static final long MB = 1024 * 1024;

    private MachineResources() {}

    static double cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    static long ramMb() {
        try {
            List<String> lines = Files.readAllLines(Paths.get("/proc/meminfo"));
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    // "MemTotal:       16314352 kB"
                    String kb = line.substring("MemTotal:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: ask the JVM instead.
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / MB;
        }
        return Runtime.getRuntime().maxMemory() / MB;
    }

    static long diskMb(Path workDir) throws IOException {
        return Files.getFileStore(workDir).getTotalSpace() / MB;
    }
}
