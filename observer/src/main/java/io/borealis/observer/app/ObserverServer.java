package io.borealis.observer.app;

import static java.util.Objects.requireNonNull;

import io.borealis.observer.checkpoint.WorkDir;
import io.borealis.observer.view.DiskUsage;
import io.borealis.observer.view.ResourceSampler;
import io.borealis.observer.view.TaskViews;
import io.borealis.observer.web.ObserverHandler;
import io.borealis.observer.web.Templates;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import io.borealis.observer.metrics.MetricsHandler;
import io.borealis.observer.metrics.ObserverMetrics;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One observer: the composition root that builds the object graph with {@code new} and serves
 * it on Jetty.
 *
 * <p>{@link #start} binds the port (0 = any free port) and logs {@code listening on
 * http://HOST:PORT}; {@link #stop} stops Jetty and is idempotent. Not meant to be started twice.
 */
public final class ObserverServer {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverServer.class);

    /** Sandbox disk use is walked at most this often per task (Thermos used 60 s). */
    static final Duration DISK_REFRESH = Duration.ofSeconds(30);

    private final Server server;
    private final ServerConnector connector;
    private final String hostname;
    private final ObserverMetrics metrics;
    private final String scheme;

    public ObserverServer(Path workDir, int port) {
        this(workDir, port, null, null);
    }

    /**
     * @param shiroIni the scheduler's Shiro INI file: every page but {@code /health} and
     *     {@code /metrics} then needs the login of one of its users; null for open pages
     */
    public ObserverServer(Path workDir, int port, Path shiroIni) {
        this(workDir, port, null, shiroIni);
    }

    /**
     * @param tls the server's identity ({@code Tls.server}) to serve HTTPS, or null for HTTP
     */
    public ObserverServer(Path workDir, int port, SSLContext tls) {
        this(workDir, port, tls, null);
    }

    /**
     * @param tls the server's identity ({@code Tls.server}) to serve HTTPS, or null for HTTP
     * @param shiroIni the scheduler's Shiro INI file: every page but {@code /health} and
     *     {@code /metrics} then needs the login of one of its users; null for open pages
     */
    public ObserverServer(Path workDir, int port, SSLContext tls, Path shiroIni) {
        requireNonNull(workDir, "workDir is null");
        this.hostname = localHostName();
        Clock clock = Clock.systemUTC();
        TaskViews views = new TaskViews(ResourceSampler.ofHost(clock),
                new DiskUsage(DISK_REFRESH, System::nanoTime), clock);
        ObserverHandler handler = new ObserverHandler(new WorkDir(workDir), views,
                new Templates(), hostname);

        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("observer-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Let encoded dots and slashes through to the handler, which decodes each segment and
        // refuses escapes with a message that says why, instead of Jetty's bare 400.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        if (tls == null) {
            this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
            this.scheme = "http";
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            this.connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
            this.scheme = "https";
        }
        connector.setPort(port);
        server.addConnector(connector);
        this.metrics = new ObserverMetrics(new WorkDir(workDir));
        // /metrics stays outside the login (scrapers), like /health inside it.
        server.setHandler(new MetricsHandler(metrics,
                shiroIni == null ? handler : ObserverLogin.of(handler, shiroIni)));
    }

    /** Binds the port and starts serving. */
    public ObserverServer start() throws Exception {
        server.start();
        LOG.info("listening on {}", uri());
        return this;
    }

    /** The port actually bound; meaningful after {@link #start}. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://HOST:PORT} (or {@code https://}), with this host's name. */
    public URI uri() {
        return URI.create(scheme + "://" + hostname + ":" + port());
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops serving; safe to call more than once. */
    public void stop() throws Exception {
        server.stop();
        metrics.close();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
