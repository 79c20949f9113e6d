package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.AgentInfo;
import io.borealis.api.thrift.AgentService;
import io.borealis.api.thrift.AgentTaskState;
import io.borealis.api.thrift.HeartbeatResult;
import io.borealis.api.thrift.RegisterAgentResult;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.StatusUpdateResult;
import io.borealis.api.thrift.TaskStatusUpdate;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.scheduling.AgentManager;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AgentService}: what agents call. A registration hands over the agent's AgentControl
 * token ({@link ThriftAgentGateway#registered}); a heartbeat from an agent that has not
 * registered with this process is asked to register again. Thread-safe.
 */
public final class AgentServiceHandler implements AgentService.Iface {
    private final AgentManager agents;
    private final Responses responses;
    private final ThriftAgentGateway gateway;

    /** @param gateway remembers each registration's AgentControl token */
    public AgentServiceHandler(AgentManager agents, Responses responses,
            ThriftAgentGateway gateway) {
        this.agents = requireNonNull(agents, "agents is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
    }

    @Override
    public Response registerAgent(AgentInfo agent) {
        return responses.run("registerAgent", () -> {
            io.borealis.api.model.AgentInfo info =
                    Responses.decode("agent info", () -> ThriftCodec.fromThrift(agent));
            String token = agent.isSetControlToken() ? agent.getControlToken() : null;
            if (token != null && !ThriftAgentGateway.isToken(token)) {
                throw PlatformException.invalid("controlToken must be 16-256 characters of "
                        + "letters, digits, '-' and '_'");
            }
            int interval = agents.register(info, agent.isSetLastSeq() ? agent.getLastSeq() : 0);
            gateway.registered(info.agentId(), token);
            return Result.registerAgentResult(
                    new RegisterAgentResult().setAgentId(info.agentId())
                            .setHeartbeatIntervalMillis(interval)
                            .setAgentTimeoutMillis(
                                    Math.toIntExact(agents.agentTimeout().toMillis())));
        });
    }

    @Override
    public Response heartbeat(String agentId, List<AgentTaskState> tasks) {
        return responses.run("heartbeat", () -> {
            String id = agentId(agentId);
            if (!gateway.isRegistered(id)) {
                // Registered before this process started (or never): its AgentControl token is
                // not known here, so the scheduler could not reach it. Registering again hands
                // a new one over.
                return Result.heartbeatResult(new HeartbeatResult(new ArrayList<>(), true));
            }
            List<io.borealis.api.model.AgentTaskState> states = Responses.decode("task states",
                    () -> tasks == null ? List.of()
                            : tasks.stream().map(ThriftCodec::fromThrift).toList());
            AgentManager.HeartbeatReply reply = agents.heartbeat(id, states);
            return Result.heartbeatResult(new HeartbeatResult(
                    new ArrayList<>(reply.killTaskIds()), reply.reregister()));
        });
    }

    @Override
    public Response statusUpdate(String agentId, List<TaskStatusUpdate> updates) {
        return responses.run("statusUpdate", () -> {
            String id = agentId(agentId);
            List<io.borealis.api.model.TaskStatusUpdate> decoded = Responses.decode(
                    "status updates", () -> updates == null ? List.of()
                            : updates.stream().map(ThriftCodec::fromThrift).toList());
            long acked = agents.statusUpdate(id, decoded);
            return Result.statusUpdateResult(new StatusUpdateResult(acked));
        });
    }

    private static String agentId(String agentId) {
        if (agentId == null || agentId.isBlank()) {
            throw PlatformException.invalid("agentId must not be blank");
        }
        return agentId;
    }
}
