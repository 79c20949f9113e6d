package io.borealis.api.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only checkpoint file of one task: one JSON record per line, each line fsynced
 * before {@link #append} (or {@link #appendAll}, for several) returns.
 *
 * <p>Writing: only the task's executor appends, from one thread. Reading: anyone, any time; a
 * line that does not parse (a torn write at the tail, or corruption) ends the readable log.
 */
public final class CheckpointLog implements AutoCloseable {
    private final FileChannel channel;

    private CheckpointLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    public static CheckpointLog openForAppend(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new CheckpointLog(channel);
    }

    /** Appends one record and forces it to disk. */
    public void append(CheckpointRecord record) throws IOException {
        appendAll(List.of(record));
    }

    /**
     * Appends {@code records} in their order, one line each, with one write and one force to
     * disk for all of them (cheaper than one {@link #append} each). A crash part-way leaves a
     * prefix of them, possibly with a torn last line, which {@link #read} ignores.
     */
    public void appendAll(List<? extends CheckpointRecord> records) throws IOException {
        StringBuilder lines = new StringBuilder(192 * records.size());
        for (CheckpointRecord record : records) {
            lines.append(encode(record)).append('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Reads every well-formed record of {@code file}, stopping at the first line that does not
     * parse. A missing file reads as no records.
     */
    public static List<CheckpointRecord> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        List<CheckpointRecord> records = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(Json.mapper().readValue(line, CheckpointRecord.class));
            } catch (JsonProcessingException e) {
                break;
            }
        }
        return records;
    }

    static String encode(CheckpointRecord record) {
        try {
            return Json.mapper().writerFor(CheckpointRecord.class).writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode checkpoint record " + record, e);
        }
    }
}
