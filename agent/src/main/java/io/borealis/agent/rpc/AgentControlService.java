package io.borealis.agent.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.agent.tasks.TaskManager;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.rpc.Responses;
import io.borealis.api.thrift.AgentControl;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseCode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code AgentControl} service, called by the scheduler through
 * {@link AgentHttpServer}. Both calls are idempotent. A malformed request is refused with
 * {@code INVALID_REQUEST} and a message naming what is wrong; nothing is launched then.
 *
 * <p>Thread-safe: Jetty calls it from its worker threads; the work is done by {@link TaskManager}.
 */
public final class AgentControlService implements AgentControl.Iface {
    private static final Logger log = LoggerFactory.getLogger(AgentControlService.class);

    private final TaskManager tasks;

    public AgentControlService(TaskManager tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    @Override
    public Response launchTasks(List<io.borealis.api.thrift.AssignedTask> thriftTasks) {
        if (thriftTasks == null) {
            return Responses.error(ResponseCode.INVALID_REQUEST, "launchTasks: tasks is null");
        }
        List<AssignedTask> assigned = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < thriftTasks.size(); i++) {
            try {
                assigned.add(ThriftCodec.fromThrift(thriftTasks.get(i)));
            } catch (RuntimeException e) {
                problems.add("launchTasks: task " + i + " is malformed: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return Responses.error(ResponseCode.INVALID_REQUEST, problems);
        }
        try {
            tasks.launch(assigned);
            return Responses.ok();
        } catch (IllegalArgumentException e) {
            return Responses.error(ResponseCode.INVALID_REQUEST, "launchTasks: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("launchTasks failed", e);
            return Responses.error(ResponseCode.ERROR, "launchTasks: " + e.getMessage());
        }
    }

    @Override
    public Response killTasks(List<String> taskIds, String message) {
        if (taskIds == null) {
            return Responses.error(ResponseCode.INVALID_REQUEST, "killTasks: taskIds is null");
        }
        for (String taskId : taskIds) {
            tasks.kill(taskId, message);
        }
        return Responses.ok();
    }

    @Override
    public Response reportTasks() {
        io.borealis.api.thrift.AgentTasksResult result = new io.borealis.api.thrift.AgentTasksResult(
                new ArrayList<>(tasks.states().stream().map(ThriftCodec::toThrift).toList()));
        return Responses.ok().setResult(io.borealis.api.thrift.Result.agentTasksResult(result));
    }
}
