package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.rpc.ThriftHttp
import java.nio.ByteBuffer
import java.util.concurrent.ConcurrentHashMap
import org.eclipse.jetty.http.HttpHeader
import org.eclipse.jetty.io.Content
import org.eclipse.jetty.server.Handler
import org.eclipse.jetty.server.Request
import org.eclipse.jetty.server.Response
import org.eclipse.jetty.server.Server
import org.eclipse.jetty.server.ServerConnector
import org.eclipse.jetty.util.Callback
import org.eclipse.jetty.util.thread.QueuedThreadPool

/**
 * One Jetty server on a free loopback port serving the AgentControl endpoint of every simulated
 * agent: agent ID's endpoint is {@code http://localhost:PORT/agents/ID}, so the scheduler's
 * ThriftAgentGateway posts its launches and kills to {@code /agents/ID/api}, across a real HTTP
 * boundary. A dead agent ({@link SimAgent#kill}) answers 503, as an unreachable host fails.
 */
@CompileStatic
final class AgentFarm implements AutoCloseable {
    private static final String PREFIX = '/agents/'
    private static final String SUFFIX = '/api'

    private final Map<String, SimAgent> agents = new ConcurrentHashMap<>()
    private final Server server
    final int port

    AgentFarm() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8)
        threads.name = "sim-farm"
        server = new Server(threads)
        ServerConnector connector = new ServerConnector(server)
        connector.host = '127.0.0.1'
        connector.port = 0
        server.addConnector(connector)
        server.handler = new Handler.Abstract() {
            @Override
            boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback)
                true
            }
        }
        server.start()
        port = connector.localPort
    }

    String endpoint(String agentId) {
        "http://localhost:$port$PREFIX$agentId"
    }

    void add(SimAgent agent) {
        agents.put(agent.id(), agent)
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request)
        SimAgent agent = null
        if (path.startsWith(PREFIX) && path.endsWith(SUFFIX)) {
            agent = agents.get(path.substring(PREFIX.length(), path.length() - SUFFIX.length()))
        }
        if (agent == null || !agent.alive()) {
            response.status = agent == null ? 404 : 503
            callback.succeeded()
            return
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256)
        ThriftHttp.process(agent.processor, Content.Source.asInputStream(request), out)
        response.headers.put(HttpHeader.CONTENT_TYPE, ThriftHttp.CONTENT_TYPE)
        response.write(true, ByteBuffer.wrap(out.toByteArray()), callback)
    }

    @Override
    void close() {
        server.stop()
    }
}
