package io.borealis.scheduler.testing

import io.borealis.api.model.AgentInfo
import io.borealis.api.model.AssignedTask
import io.borealis.scheduler.state.AgentGateway
import java.util.concurrent.CopyOnWriteArrayList

/** An AgentGateway that records what it was asked to deliver. */
final class RecordingGateway implements AgentGateway {
    final List<List> launches = new CopyOnWriteArrayList<>()
    final List<List> kills = new CopyOnWriteArrayList<>()

    @Override
    void launchTasks(AgentInfo agent, List<AssignedTask> tasks) {
        launches << [agent.agentId(), tasks]
    }

    @Override
    void killTasks(AgentInfo agent, List<String> taskIds, String message) {
        kills << [agent.agentId(), taskIds, message]
    }

    List<String> killedIds() {
        kills.collectMany { it[1] as List<String> }
    }
}
