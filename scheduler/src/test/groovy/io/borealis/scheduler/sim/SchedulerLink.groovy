package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.model.AgentInfo
import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.TaskStatusUpdate
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AgentService
import io.borealis.api.thrift.HeartbeatResult
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import java.time.Duration
import java.util.function.Supplier
import org.apache.thrift.TProcessor
import org.apache.thrift.protocol.TJSONProtocol
import org.apache.thrift.protocol.TMultiplexedProtocol

/**
 * How simulated agents call the scheduler's {@code AgentService}: {@link SimulatedCluster.Transport#HTTP} (a real
 * Thrift client over HTTP to {@code /api}, built per call as the real agent's SchedulerClient
 * does) or {@code IN_PROCESS} (the same Thrift JSON through the scheduler's own
 * processor, no sockets). Both reach the real handler objects. Thread-safe; follows the scheduler
 * across restarts through the suppliers.
 */
@CompileStatic
final class SchedulerLink {
    /** The scheduler refused or failed a call; the caller retries as a real agent would. */
    static final class CallFailed extends Exception {
        CallFailed(String message, Throwable cause = null) {
            super(message, cause)
        }
    }

    /** Which way calls go; benchmarks switch it between runs. */
    volatile SimulatedCluster.Transport transport
    private final Supplier<String> baseUrl
    private final Supplier<TProcessor> api

    SchedulerLink(SimulatedCluster.Transport transport, Supplier<String> baseUrl, Supplier<TProcessor> api) {
        this.transport = transport
        this.baseUrl = baseUrl
        this.api = api
    }

    private AgentService.Client client() {
        if (transport == SimulatedCluster.Transport.HTTP) {
            return ThriftHttp.client(baseUrl.get() + '/api', 'AgentService',
                    { p -> new AgentService.Client(p) }, [:], Duration.ofSeconds(30))
        }
        new AgentService.Client(new TMultiplexedProtocol(
                new TJSONProtocol(new InProcessTransport(api.get())), 'AgentService'))
    }

    private Response call(String what, Closure<Response> body) throws CallFailed {
        Response response
        try {
            response = body.call(client())
        } catch (Exception e) {
            throw new CallFailed("$what: $e", e)
        }
        if (response.responseCode != ResponseCode.OK) {
            throw new CallFailed("$what: ${response.responseCode} ${Responses.message(response)}")
        }
        response
    }

    int register(AgentInfo agent) throws CallFailed {
        def thrift = ThriftCodec.toThrift(agent)
        call('registerAgent') { AgentService.Client c -> c.registerAgent(thrift) }
                .result.registerAgentResult.heartbeatIntervalMillis
    }

    /** @return the heartbeat result: ids to kill and whether to register again */
    HeartbeatResult heartbeat(String agentId, List<AgentTaskState> tasks) throws CallFailed {
        def states = tasks.collect { ThriftCodec.toThrift(it) }
        call('heartbeat') { AgentService.Client c -> c.heartbeat(agentId, states) }
                .result.heartbeatResult
    }

    /** @return the highest seq the scheduler has applied from this agent */
    long statusUpdate(String agentId, List<TaskStatusUpdate> updates) throws CallFailed {
        def wire = updates.collect { ThriftCodec.toThrift(it) }
        call('statusUpdate') { AgentService.Client c -> c.statusUpdate(agentId, wire) }
                .result.statusUpdateResult.ackedSeq
    }
}
