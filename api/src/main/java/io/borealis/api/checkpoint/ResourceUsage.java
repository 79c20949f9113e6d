package io.borealis.api.checkpoint;

import io.borealis.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * What a task's processes use, as its executor last sampled it: {@code TASK_ROOT/resources.json}
 * ({@link TaskLayout#resources()}), rewritten atomically every few seconds while the task runs.
 * Read by the observer; a missing or unreadable file means no sample yet.
 *
 * @param timestamp when the sample was taken, epoch millis
 * @param cpu CPUs used on average since the previous sample (1.0 = one core busy)
 * @param ramBytes resident memory of every process of the task, summed
 * @param diskBytes bytes of the files in the sandbox
 * @param processes how many processes the task had
 * @param cpuReserved the task's {@code cpu} reservation
 * @param ramReservedBytes the task's {@code ram} reservation; 0 = none
 * @param diskReservedBytes the task's {@code disk} reservation; 0 = none
 */
public record ResourceUsage(
        long timestamp,
        double cpu,
        long ramBytes,
        long diskBytes,
        int processes,
        double cpuReserved,
        long ramReservedBytes,
        long diskReservedBytes) {

    /**
     * Writes this sample to {@code file} atomically (a temporary file renamed over it), so that
     * readers see either the previous sample or this one. The JSON is built by hand: the
     * executor writes it every few seconds and need not load a data binder for it.
     */
    public void write(Path file) throws IOException {
        String json = String.format(Locale.ROOT, "{\"timestamp\":%d,\"cpu\":%.3f,\"ramBytes\":%d,"
                + "\"diskBytes\":%d,\"processes\":%d,\"cpuReserved\":%.3f,"
                + "\"ramReservedBytes\":%d,\"diskReservedBytes\":%d}%n", timestamp, cpu, ramBytes,
                diskBytes, processes, cpuReserved, ramReservedBytes, diskReservedBytes);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The sample in {@code file}; empty when there is none yet or it cannot be read. */
    public static Optional<ResourceUsage> read(Path file) {
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), ResourceUsage.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
