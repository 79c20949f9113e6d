package io.borealis.observer.checkpoint;

import static java.util.Objects.requireNonNull;

import io.borealis.observer.checkpoint.SandboxException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Read-only access to one task's sandbox, the only tree the observer lets users see.
 *
 * <p>{@link #resolve} is the gate: it takes the decoded segments of a sandbox-relative path and
 * refuses {@code .} and {@code ..}, absolute paths, segments that carry a separator, and any
 * path whose real path (symlinks resolved) lies outside the sandbox's real path. Everything else
 * in this class takes a path that came out of {@link #resolve}. Stateless and thread-safe;
 * nothing here writes, creates or deletes.
 */
public final class Sandbox {
    private final Path root;

    public Sandbox(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    public Path root() {
        return root;
    }

    /** One directory entry; {@code size} and {@code modifiedMillis} are the link's own for links. */
    public record Entry(String name, boolean directory, boolean symlink, long size,
            long modifiedMillis) {
        public Entry {
            requireNonNull(name, "name is null");
        }
    }

    /** Bytes {@code [offset, offset + bytes.length)} of a file that was {@code size} long. */
    public record Chunk(long size, long offset, byte[] bytes) {
        public Chunk {
            requireNonNull(bytes, "bytes is null");
        }
    }

    /**
     * Resolves a sandbox-relative path given as its decoded segments ({@code ["a", "b.txt"]} for
     * {@code a/b.txt}; no segments for the sandbox itself) to the real path of an existing file
     * or directory inside the sandbox.
     *
     * @throws SandboxException {@code FORBIDDEN} for a path that is absolute, holds {@code .} or
     *     {@code ..} or a separator, or resolves outside the sandbox; {@code NOT_FOUND} when
     *     nothing exists there (or the sandbox itself does not exist yet)
     */
    public Path resolve(List<String> segments) {
        List<String> parts = checkSegments(segments);
        String shown = String.join("/", parts);
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new SandboxException(Kind.NOT_FOUND, "the task has no sandbox yet");
        }
        // Walk one segment at a time from the real root, so that a link anywhere along the way
        // is judged by where it really leads before anything beyond it is looked at.
        Path real = realRoot;
        for (String part : parts) {
            Path candidate = real.resolve(part);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                throw new SandboxException(Kind.NOT_FOUND,
                        "no file '" + shown + "' in the sandbox");
            }
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                throw new SandboxException(Kind.NOT_FOUND,
                        "'" + shown + "' leads to a link to nothing");
            }
            if (!real.startsWith(realRoot)) {
                throw new SandboxException(Kind.FORBIDDEN,
                        "'" + shown + "' goes through a link that resolves outside the sandbox");
            }
        }
        return real;
    }

    private static List<String> checkSegments(List<String> segments) {
        requireNonNull(segments, "segments is null");
        List<String> parts = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.isEmpty()) {
                if (i == 0 && segments.size() > 1) {
                    throw new SandboxException(Kind.FORBIDDEN, "absolute paths are not allowed: '/"
                            + String.join("/", segments.subList(1, segments.size())) + "'");
                }
                continue;
            }
            if (segment.startsWith("/")) {
                throw new SandboxException(Kind.FORBIDDEN,
                        "absolute paths are not allowed: '" + segment + "'");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new SandboxException(Kind.FORBIDDEN,
                        "'" + segment + "' is not allowed in a sandbox path");
            }
            if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0) {
                throw new SandboxException(Kind.FORBIDDEN,
                        "path segment '" + segment.replace("\0", "\\0")
                                + "' may not contain '/', '\\' or NUL");
            }
            parts.add(segment);
        }
        return parts;
    }

    /** The entries of {@code dir} (a resolved directory): directories first, then by name. */
    public List<Entry> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            List<Entry> entries = new ArrayList<>();
            children.forEach(child -> entries.add(entry(child)));
            entries.sort(Comparator.comparing((Entry e) -> !e.directory())
                    .thenComparing(Entry::name));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Entry entry(Path child) {
        String name = child.getFileName().toString();
        try {
            BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            boolean directory = attrs.isDirectory()
                    || (attrs.isSymbolicLink() && Files.isDirectory(child));
            return new Entry(name, directory, attrs.isSymbolicLink(), attrs.size(),
                    attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            // The entry vanished between listing and reading it; show it without details.
            return new Entry(name, false, false, 0, 0);
        }
    }

    /** The size of a resolved file, in bytes. */
    public long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /**
     * Reads at most {@code length} bytes of a resolved file from {@code offset}; fewer at the end
     * of the file, none when {@code offset} is at or past the end.
     */
    public Chunk read(Path file, long offset, int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int wanted = (int) Math.max(0, Math.min(length, size - offset));
            ByteBuffer buffer = ByteBuffer.allocate(wanted);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return new Chunk(size, offset, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The last {@code length} bytes of a resolved file (all of it when shorter). */
    public Chunk tail(Path file, int length) {
        return read(file, Math.max(0, size(file) - length), length);
    }
}
