package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.AgentInfo;
import io.borealis.scheduler.storage.AgentStore;
import java.sql.PreparedStatement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agents in table {@code agents} and the highest status-update seq applied from each in
 * {@code agent_acks} (a narrow row: it changes with every status report), read through
 * {@link AgentCache}. A write's own changes are kept here until commit and seen by that
 * write's reads.
 */
final class H2AgentStore implements AgentStore.Mutable {
    private final Unit unit;
    private final AgentCache cache;
    /** This write's changes: an empty Optional is a deletion. */
    private final Map<String, Optional<AgentInfo>> changedAgents = new HashMap<>();
    private final Map<String, Long> changedSeqs = new HashMap<>();

    H2AgentStore(Unit unit, AgentCache cache) {
        this.unit = unit;
        this.cache = cache;
    }

    @Override
    public Optional<AgentInfo> fetch(String agentId) {
        Optional<AgentInfo> changed = changedAgents.get(agentId);
        return changed != null ? changed : cache.get(agentId);
    }

    @Override
    public List<AgentInfo> fetchAll() {
        Map<String, AgentInfo> all = new HashMap<>(cache.all());
        changedAgents.forEach((id, agent) -> {
            if (agent.isPresent()) {
                all.put(id, agent.get());
            } else {
                all.remove(id);
            }
        });
        return all.values().stream().sorted(Comparator.comparing(AgentInfo::agentId)).toList();
    }

    @Override
    public long ackedSeq(String agentId) {
        Long changed = changedSeqs.get(agentId);
        return changed != null ? changed : cache.ackedSeq(agentId);
    }

    @Override
    public void save(AgentInfo agent) {
        unit.checkWritable();
        Jdbc.call("saving agent " + agent.agentId(), () -> {
            try (PreparedStatement agents = unit.connection().prepareStatement(
                    unit.dialect().upsert("agents", "agent_id, info_json, registered_at",
                            "agent_id"));
                    PreparedStatement acks = unit.connection().prepareStatement(
                            unit.dialect().upsert("agent_acks", "agent_id, acked_seq",
                                    "agent_id"))) {
                agents.setString(1, agent.agentId());
                agents.setString(2, TaskConfigs.toJson(agent));
                agents.setLong(3, unit.now());
                agents.executeUpdate();
                acks.setString(1, agent.agentId());
                acks.setLong(2, 0L);
                return acks.executeUpdate();
            }
        });
        changedAgents.put(agent.agentId(), Optional.of(agent));
        changedSeqs.put(agent.agentId(), 0L);
    }

    @Override
    public boolean delete(String agentId) {
        unit.checkWritable();
        boolean deleted = Jdbc.call("deleting agent " + agentId, () -> {
            try (PreparedStatement acks = unit.connection().prepareStatement(
                    "DELETE FROM agent_acks WHERE agent_id = ?");
                    PreparedStatement agents = unit.connection().prepareStatement(
                            "DELETE FROM agents WHERE agent_id = ?")) {
                acks.setString(1, agentId);
                acks.executeUpdate();
                agents.setString(1, agentId);
                return agents.executeUpdate() > 0;
            }
        });
        changedAgents.put(agentId, Optional.empty());
        changedSeqs.remove(agentId);
        return deleted;
    }

    @Override
    public void setAckedSeq(String agentId, long seq) {
        unit.checkWritable();
        if (fetch(agentId).isEmpty()) {
            return;
        }
        Jdbc.call("saving the acked seq of agent " + agentId, () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "UPDATE agent_acks SET acked_seq = ? WHERE agent_id = ?")) {
                statement.setLong(1, seq);
                statement.setString(2, agentId);
                return statement.executeUpdate();
            }
        });
        changedSeqs.put(agentId, seq);
    }

    /** After commit: makes this write's changes visible to everyone. */
    void publish() {
        changedAgents.forEach((id, agent) -> {
            if (agent.isPresent()) {
                cache.put(agent.get(), changedSeqs.getOrDefault(id, 0L));
            } else {
                cache.remove(id);
            }
        });
        changedSeqs.forEach(cache::setAckedSeq);
    }

    /** At open: the committed agents. */
    static void load(Unit unit, AgentCache cache) {
        Jdbc.call("loading agents", () -> {
            try (PreparedStatement statement = unit.connection().prepareStatement(
                    "SELECT a.info_json, COALESCE(k.acked_seq, 0) FROM agents a"
                            + " LEFT JOIN agent_acks k ON k.agent_id = a.agent_id");
                    var rows = statement.executeQuery()) {
                while (rows.next()) {
                    cache.put(TaskConfigs.fromJson(rows.getString(1), AgentInfo.class),
                            rows.getLong(2));
                }
                return null;
            }
        });
    }
}
