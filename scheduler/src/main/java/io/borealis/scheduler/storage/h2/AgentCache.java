package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.AgentInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed agents and acked sequence numbers, in memory: agents are read on every heartbeat
 * and every placement round. Changed only after a commit, under the storage's write lock.
 */
final class AgentCache {
    private final Map<String, AgentInfo> agents = new ConcurrentHashMap<>();
    private final Map<String, Long> ackedSeqs = new ConcurrentHashMap<>();

    Optional<AgentInfo> get(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    Map<String, AgentInfo> all() {
        return Map.copyOf(agents);
    }

    long ackedSeq(String agentId) {
        return ackedSeqs.getOrDefault(agentId, 0L);
    }

    void put(AgentInfo agent, long ackedSeq) {
        agents.put(agent.agentId(), agent);
        ackedSeqs.put(agent.agentId(), ackedSeq);
    }

    void remove(String agentId) {
        agents.remove(agentId);
        ackedSeqs.remove(agentId);
    }

    /** Takes {@code other}'s agents and sequence numbers, forgetting those it lacks. */
    void replaceAll(AgentCache other) {
        agents.putAll(other.agents);
        ackedSeqs.putAll(other.ackedSeqs);
        agents.keySet().retainAll(other.agents.keySet());
        ackedSeqs.keySet().retainAll(other.ackedSeqs.keySet());
    }

    void setAckedSeq(String agentId, long seq) {
        if (agents.containsKey(agentId)) {
            ackedSeqs.put(agentId, seq);
        }
    }
}
