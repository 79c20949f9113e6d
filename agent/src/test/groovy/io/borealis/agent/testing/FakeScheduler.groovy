package io.borealis.agent.testing

import io.borealis.api.model.AgentInfo
import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.TaskStatusUpdate
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AgentService
import io.borealis.api.thrift.HeartbeatResult
import io.borealis.api.thrift.RegisterAgentResult
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.Result
import io.borealis.api.thrift.StatusUpdateResult
import java.nio.ByteBuffer
import java.util.concurrent.CopyOnWriteArrayList
import org.apache.thrift.TMultiplexedProcessor
import org.eclipse.jetty.http.HttpHeader
import org.eclipse.jetty.io.Content
import org.eclipse.jetty.server.Handler
import org.eclipse.jetty.server.Request
import org.eclipse.jetty.server.Server
import org.eclipse.jetty.server.ServerConnector
import org.eclipse.jetty.util.Callback

/**
 * The scheduler side of the agent protocol, as a test double: a real Jetty on an ephemeral port
 * serving {@code AgentService} over the real wire format, recording every call. The scheduler is
 * a remote process to the agent, so this is the process boundary, not one of the agent's parts.
 *
 * <p>While {@link #down} is true every request fails with HTTP 503, as an unreachable scheduler.
 * Updates are applied at most once by seq, as the real scheduler does.
 */
class FakeScheduler implements AutoCloseable {
    final List<AgentInfo> registrations = new CopyOnWriteArrayList<>()
    final List<List<AgentTaskState>> heartbeats = new CopyOnWriteArrayList<>()
    /** Every update applied, in the order applied (each seq once). */
    final List<TaskStatusUpdate> updates = new CopyOnWriteArrayList<>()
    /** Every statusUpdate call, batch as received. */
    final List<List<TaskStatusUpdate>> batches = new CopyOnWriteArrayList<>()
    volatile boolean down
    volatile int heartbeatIntervalMillis = 100
    /** Answered at registration; 0 says nothing (as schedulers before the field did). */
    volatile int agentTimeoutMillis
    /** Answered (once) to the next heartbeat. */
    volatile List<String> killOnNextHeartbeat = []
    volatile boolean reregisterOnNextHeartbeat
    /** When set, a request without exactly this {@code Authorization} header is refused 401. */
    volatile String requiredAuthorization
    /** The {@code Authorization} header of every request (empty string when none). */
    final List<String> authorizations = new CopyOnWriteArrayList<>()
    private volatile long appliedSeq

    private final Server server = new Server()
    private final ServerConnector connector = new ServerConnector(server)

    FakeScheduler() {
        def processor = new TMultiplexedProcessor()
        processor.registerProcessor('AgentService', new AgentService.Processor<>(new Service()))
        server.addConnector(connector)
        server.handler = new Handler.Abstract() {
            @Override
            boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                if (down) {
                    org.eclipse.jetty.server.Response.writeError(request, response, callback, 503)
                    return true
                }
                String authorization = request.headers.get(HttpHeader.AUTHORIZATION) ?: ''
                authorizations << authorization
                if (requiredAuthorization != null && authorization != requiredAuthorization) {
                    org.eclipse.jetty.server.Response.writeError(request, response, callback, 401)
                    return true
                }
                def out = new ByteArrayOutputStream()
                ThriftHttp.process(processor, Content.Source.asInputStream(request), out)
                response.headers.put(HttpHeader.CONTENT_TYPE, ThriftHttp.CONTENT_TYPE)
                response.write(true, ByteBuffer.wrap(out.toByteArray()), callback)
                return true
            }
        }
        server.start()
    }

    String getUrl() {
        "http://127.0.0.1:${connector.localPort}"
    }

    /** The statuses applied for {@code taskId}, in order. */
    List<String> statuses(String taskId) {
        updates.findAll { it.taskId() == taskId }.collect { it.status().name() }
    }

    TaskStatusUpdate last(String taskId) {
        updates.findAll { it.taskId() == taskId }.last()
    }

    @Override
    void close() {
        server.stop()
    }

    private class Service implements AgentService.Iface {
        @Override
        Response registerAgent(io.borealis.api.thrift.AgentInfo agent) {
            registrations << ThriftCodec.fromThrift(agent)
            if (agent.isSetControlToken()) {
                Tasks.TOKENS[agent.endpoint] = agent.controlToken
            }
            Responses.ok(Result.registerAgentResult(
                    new RegisterAgentResult().setAgentId(agent.agentId)
                            .setHeartbeatIntervalMillis(heartbeatIntervalMillis)
                            .setAgentTimeoutMillis(agentTimeoutMillis)))
        }

        @Override
        Response heartbeat(String agentId, List<io.borealis.api.thrift.AgentTaskState> tasks) {
            heartbeats << tasks.collect { ThriftCodec.fromThrift(it) }
            def result = new HeartbeatResult(killOnNextHeartbeat, reregisterOnNextHeartbeat)
            killOnNextHeartbeat = []
            reregisterOnNextHeartbeat = false
            Responses.ok(Result.heartbeatResult(result))
        }

        @Override
        synchronized Response statusUpdate(String agentId, List<io.borealis.api.thrift.TaskStatusUpdate> batch) {
            def received = batch.collect { ThriftCodec.fromThrift(it) }
            batches << received
            received.each {
                if (it.seq() > appliedSeq) {
                    updates << it
                    appliedSeq = it.seq()
                }
            }
            Responses.ok(Result.statusUpdateResult(new StatusUpdateResult(appliedSeq)))
        }
    }
}
