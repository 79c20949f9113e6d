package io.borealis.scheduler.app;

import java.util.Deque;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The scheduler's Jetty server, bound but not started, and the public URL it is reached at.
 * Binding comes first so that the URL names the port actually bound ({@code --http-port 0}).
 *
 * @param url {@code --public-url}, or {@code http(s)://HOSTNAME:PORT}
 */
record HttpFront(Server server, int port, String url) {
    /** Binds the configured port; pushes the server's stop onto {@code started}. */
    static HttpFront bind(SchedulerConfig config, SchedulerTls tls, String hostName,
            Deque<AutoCloseable> started) throws Exception {
        Server server = new Server();
        ServerConnector connector = tls.server() == null ? new ServerConnector(server)
                : new ServerConnector(server, sslContextFactory(tls.server()));
        connector.setPort(config.httpPort());
        server.addConnector(connector);
        connector.open(); // bind now: the public URL names the port actually bound
        started.push(server::stop);
        int port = connector.getLocalPort();
        String url = config.publicUrl() != null
                ? config.publicUrl()
                : (tls.server() == null ? "http" : "https") + "://" + hostName + ":" + port;
        return new HttpFront(server, port, url);
    }

    private static SslContextFactory.Server sslContextFactory(SSLContext context) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        return factory;
    }
}
