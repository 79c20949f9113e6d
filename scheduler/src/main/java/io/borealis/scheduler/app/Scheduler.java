package io.borealis.scheduler.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.thrift.TProcessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running scheduler: its address, and {@link #close} to stop it. Stopping closes what was
 * started in reverse order: the agent monitor and scheduling loop, then HTTP (so no request
 * reaches a closed store), then the agent gateway, and the database last. Idempotent and
 * thread-safe.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final int httpPort;
    private final String publicUrl;
    private final Deque<AutoCloseable> resources;
    private final @Nullable TProcessor api;
    private final boolean https;
    private final AtomicBoolean closed = new AtomicBoolean();

    Scheduler(int httpPort, String publicUrl, Deque<AutoCloseable> resources) {
        this(httpPort, publicUrl, resources, null, false);
    }

    Scheduler(int httpPort, String publicUrl, Deque<AutoCloseable> resources,
            @Nullable TProcessor api, boolean https) {
        this.httpPort = httpPort;
        this.https = https;
        this.publicUrl = publicUrl;
        this.resources = new ArrayDeque<>(resources);
        this.api = api;
    }

    /**
     * The Thrift processor that serves {@code POST /api} (every service, multiplexed), for callers
     * in this JVM that measure or drive the real handlers without HTTP: the simulated cluster and
     * its benchmarks. A test hook; production code goes through HTTP.
     */
    public TProcessor api() {
        if (api == null) {
            throw new IllegalStateException("this scheduler did not start");
        }
        return api;
    }

    /** The port actually bound (useful with {@code --http-port 0}). */
    public int httpPort() {
        return httpPort;
    }

    public String publicUrl() {
        return publicUrl;
    }

    /**
     * {@code http://localhost:PORT} ({@code https://} when it serves TLS): where a process on
     * this machine reaches it.
     */
    public String localUrl() {
        return (https ? "https" : "http") + "://localhost:" + httpPort;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", resource.getClass().getSimpleName(),
                        e.toString());
            }
        }
        LOG.info("scheduler stopped");
    }
}
