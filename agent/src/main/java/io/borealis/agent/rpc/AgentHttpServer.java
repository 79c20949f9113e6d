package io.borealis.agent.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.rpc.RequestBodies;
import io.borealis.api.rpc.ThriftHttp;
import io.borealis.api.thrift.AgentControl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TException;
import org.apache.thrift.TMultiplexedProcessor;
import org.apache.thrift.TProcessor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP endpoint (Jetty 12, core handler): {@code POST /api} runs the multiplexed
 * Thrift {@code AgentControl} service for the scheduler this agent registered with only: a call
 * without its current token ({@link ControlTokens}, {@code Authorization: Bearer TOKEN}) gets 401
 * before its body is read, and a body over the size limit 413. {@code GET /health} answers
 * {@code 200 OK}. Anything else is 404 (405 for a wrong method on {@code /api}).
 */
public final class AgentHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /**
     * @param bindAddress the address to listen on; null for every interface
     * @param port the port to bind; 0 picks a free one
     * @param tokens the tokens a call must carry
     * @param maxRequestBytes the largest request body accepted
     * @param tls the identity to serve HTTPS with ({@code Tls.server}); null for HTTP
     */
    public AgentHttpServer(String bindAddress, int port, AgentControl.Iface control,
            ControlTokens tokens, long maxRequestBytes, SSLContext tls) {
        TMultiplexedProcessor processor = new TMultiplexedProcessor();
        processor.registerProcessor("AgentControl", new AgentControl.Processor<>(control));
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("agent-http");
        this.server = new Server(threads);
        if (tls == null) {
            this.connector = new ServerConnector(server);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            this.connector = new ServerConnector(server, ssl);
        }
        connector.setPort(port);
        if (bindAddress != null) {
            connector.setHost(bindAddress);
        }
        server.addConnector(connector);
        server.setHandler(new Routes(processor, tokens, maxRequestBytes));
    }

    /** Starts serving; returns the bound port. */
    public int start() throws Exception {
        server.start();
        return connector.getLocalPort();
    }

    /** Stops serving; a failure to stop cleanly is logged, not thrown. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(AgentHttpServer.class).warn("cannot stop Jetty cleanly", e);
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final TProcessor processor;
        private final ControlTokens tokens;
        private final long maxRequestBytes;

        Routes(TProcessor processor, ControlTokens tokens, long maxRequestBytes) {
            this.processor = requireNonNull(processor, "processor is null");
            this.tokens = requireNonNull(tokens, "tokens is null");
            this.maxRequestBytes = maxRequestBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (path.equals("/health") && HttpMethod.GET.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "OK\n", callback);
                return true;
            }
            if (!path.equals("/api")) {
                return false;
            }
            if (!HttpMethod.POST.is(request.getMethod())) {
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            if (!tokens.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                LoggerFactory.getLogger(AgentHttpServer.class).warn(
                        "refused an AgentControl call from {}: no valid token",
                        Request.getRemoteAddr(request));
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401,
                        "AgentControl calls need the token of this agent's registration");
                return true;
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = RequestBodies.read(in, request.getLength(), maxRequestBytes);
            } catch (RequestBodies.TooLarge e) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Response.writeError(request, response, callback,
                        HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
                return true;
            } catch (IOException e) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                        "cannot read the request: " + e.getMessage());
                return true;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ThriftHttp.Wire wire;
            try (InputStream in = new ByteArrayInputStream(body)) {
                wire = ThriftHttp.process(processor, in, out);
            } catch (TException | IOException | RuntimeException | StackOverflowError e) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                        "not a Thrift request: " + e.getMessage());
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, wire.contentType());
            response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
            return true;
        }
    }
}
