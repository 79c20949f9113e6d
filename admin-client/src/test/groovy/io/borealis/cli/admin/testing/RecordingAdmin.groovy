package io.borealis.cli.admin.testing

import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.Admin
import io.borealis.api.thrift.PruneTasksResult
import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.Result
import io.borealis.api.thrift.TaskQuery
import java.nio.ByteBuffer
import org.apache.thrift.TMultiplexedProcessor
import org.eclipse.jetty.http.HttpHeader
import org.eclipse.jetty.io.Content
import org.eclipse.jetty.server.Handler
import org.eclipse.jetty.server.Request
import org.eclipse.jetty.server.Server
import org.eclipse.jetty.server.ServerConnector
import org.eclipse.jetty.util.Callback

/**
 * A stand-in for the scheduler's Admin service (a remote process to the client): real Jetty on a
 * free port, real Thrift JSON over HTTP, recording what it is sent. For the calls whose scheduler
 * side another part of the scheduler owns (pruneTasks).
 */
class RecordingAdmin implements Admin.Iface, AutoCloseable {
    final List<TaskQuery> pruned = [].asSynchronized()
    int prunedCount = 3
    private final Server server

    RecordingAdmin() {
        def processor = new TMultiplexedProcessor()
        processor.registerProcessor('Admin', new Admin.Processor(this))
        server = new Server(new InetSocketAddress('127.0.0.1', 0))
        server.handler = new Handler.Abstract() {
            @Override
            boolean handle(Request request, org.eclipse.jetty.server.Response response,
                    Callback callback) {
                def out = new ByteArrayOutputStream()
                ThriftHttp.process(processor, Content.Source.asInputStream(request), out)
                response.headers.put(HttpHeader.CONTENT_TYPE, ThriftHttp.CONTENT_TYPE)
                response.write(true, ByteBuffer.wrap(out.toByteArray()), callback)
                true
            }
        }
        server.start()
    }

    String uri() {
        "http://127.0.0.1:${((ServerConnector) server.connectors[0]).localPort}".toString()
    }

    @Override
    void close() {
        server.stop()
    }

    @Override
    Response setQuota(String ownerRole, Resources quota) {
        Responses.error(io.borealis.api.thrift.ResponseCode.INVALID_REQUEST, 'not arranged')
    }

    @Override
    Response pruneTasks(TaskQuery query) {
        pruned << query
        Responses.ok(Result.pruneTasksResult(new PruneTasksResult(prunedCount)))
    }

    @Override
    Response reconcileTasks() {
        Responses.error(io.borealis.api.thrift.ResponseCode.INVALID_REQUEST, 'not arranged')
    }

    @Override Response startMaintenance(io.borealis.api.thrift.Hosts hosts) { notArranged() }
    @Override Response drainHosts(io.borealis.api.thrift.Hosts hosts) { notArranged() }
    @Override Response slaDrainHosts(io.borealis.api.thrift.Hosts hosts,
            io.borealis.api.thrift.SlaPolicy policy, long timeoutSecs) { notArranged() }
    @Override Response maintenanceStatus(io.borealis.api.thrift.Hosts hosts) { notArranged() }
    @Override Response endMaintenance(io.borealis.api.thrift.Hosts hosts) { notArranged() }
    @Override Response snapshot() { notArranged() }
    @Override Response performBackup() { notArranged() }
    @Override Response listBackups() { notArranged() }
    @Override Response stageRecovery(String backupId) { notArranged() }
    @Override Response queryRecovery(TaskQuery query) { notArranged() }
    @Override Response deleteRecoveryTasks(TaskQuery query) { notArranged() }
    @Override Response commitRecovery() { notArranged() }
    @Override Response unloadRecovery() { notArranged() }

    private static Response notArranged() {
        Responses.error(io.borealis.api.thrift.ResponseCode.INVALID_REQUEST, 'not arranged')
    }
}
