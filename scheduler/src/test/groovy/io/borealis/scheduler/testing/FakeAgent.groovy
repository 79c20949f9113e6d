package io.borealis.scheduler.testing

import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AgentControl
import io.borealis.api.thrift.AgentTaskState
import io.borealis.api.thrift.AgentTasksResult
import io.borealis.api.thrift.Result
import io.borealis.api.thrift.AssignedTask
import io.borealis.api.thrift.Response
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
 * A stand-in for an agent's AgentControl endpoint: a real Jetty server on a free port that
 * records the launches and kills the scheduler pushes. The scheduler reaches agents only over
 * HTTP, so this is a real process boundary.
 */
final class FakeAgent implements AutoCloseable {
    final List<AssignedTask> launched = new CopyOnWriteArrayList<>()
    final List<String> killed = new CopyOnWriteArrayList<>()
    final List<String> killMessages = new CopyOnWriteArrayList<>()
    /** What reportTasks answers. */
    final List<AgentTaskState> reported = new CopyOnWriteArrayList<>()
    private final Server server = new Server()
    final int port

    FakeAgent() {
        TMultiplexedProcessor processor = new TMultiplexedProcessor()
        processor.registerProcessor('AgentControl', new AgentControl.Processor<>(
                new AgentControl.Iface() {
                    @Override
                    Response launchTasks(List<AssignedTask> tasks) {
                        launched.addAll(tasks)
                        Responses.ok()
                    }

                    @Override
                    Response killTasks(List<String> taskIds, String message) {
                        killed.addAll(taskIds)
                        killMessages << message
                        Responses.ok()
                    }

                    @Override
                    Response reportTasks() {
                        Responses.ok().setResult(Result.agentTasksResult(
                                new AgentTasksResult(reported.collect())))
                    }
                }))
        ServerConnector connector = new ServerConnector(server)
        connector.port = 0
        server.addConnector(connector)
        server.handler = new Handler.Abstract() {
            @Override
            boolean handle(Request request, org.eclipse.jetty.server.Response response,
                    Callback callback) {
                ByteArrayOutputStream out = new ByteArrayOutputStream()
                ThriftHttp.process(processor, Content.Source.asInputStream(request), out)
                response.headers.put(HttpHeader.CONTENT_TYPE, ThriftHttp.CONTENT_TYPE)
                response.write(true, ByteBuffer.wrap(out.toByteArray()), callback)
                true
            }
        }
        server.start()
        port = connector.localPort
    }

    String endpoint() {
        "http://localhost:$port"
    }

    @Override
    void close() {
        server.stop()
    }
}
