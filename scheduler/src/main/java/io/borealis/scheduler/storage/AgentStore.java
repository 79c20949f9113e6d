package io.borealis.scheduler.storage;

import io.borealis.api.model.AgentInfo;
import java.util.List;
import java.util.Optional;

/** Registered agents, and the highest status-update sequence number applied for each. */
public interface AgentStore {
    Optional<AgentInfo> fetch(String agentId);

    /** Every registered agent, ordered by id. */
    List<AgentInfo> fetchAll();

    /** The highest status-update seq applied from {@code agentId}; 0 when none or unknown. */
    long ackedSeq(String agentId);

    interface Mutable extends AgentStore {
        /** Registers or re-registers the agent; its acked seq starts again from 0. */
        void save(AgentInfo agent);

        /** Forgets the agent; false when it was not registered. */
        boolean delete(String agentId);

        /** Records that updates up to {@code seq} from a registered agent have been applied. */
        void setAckedSeq(String agentId, long seq);
    }
}
