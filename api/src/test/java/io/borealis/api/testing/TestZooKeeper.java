package io.borealis.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in this JVM (Curator's {@link TestingServer}) on a free port, whose
 * files all stay in a directory of its own, deleted by {@link #close}. ZooKeeper's embedded
 * server writes its configuration file beside its data directory; with Curator's default data
 * directory (a new one in the system's temporary directory) every spec left a
 * {@code zookeeper.configuration*.properties} file in {@code /tmp}.
 */
public final class TestZooKeeper implements AutoCloseable {
    private final Path home;
    private final TestingServer server;

    private TestZooKeeper(Path home, TestingServer server) {
        this.home = home;
        this.server = server;
    }

    /** Started, with ZooKeeper's default tick (sessions of 4 s to 40 s). */
    public static TestZooKeeper start() {
        return start(-1);
    }

    /**
     * Started, with a tick of {@code tickMillis} (sessions may be 2 to 20 ticks long; -1 is
     * ZooKeeper's default).
     */
    public static TestZooKeeper start(int tickMillis) {
        Path home = null;
        try {
            home = Files.createTempDirectory("borealis-zk-");
            InstanceSpec spec = new InstanceSpec(home.resolve("data").toFile(), -1, -1, -1, true,
                    -1, tickMillis, -1);
            return new TestZooKeeper(home, new TestingServer(spec, true));
        } catch (Exception e) {
            if (home != null) {
                delete(home);
            }
            throw new IllegalStateException("cannot start ZooKeeper: " + e, e);
        }
    }

    public String getConnectString() {
        return server.getConnectString();
    }

    /** Stops the server, keeping its data for {@link #restart}. */
    public void stop() throws IOException {
        server.stop();
    }

    /** Starts the server again on the same port and data. */
    public void restart() throws Exception {
        server.restart();
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            delete(home);
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
