package io.borealis.scheduler.scheduling;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each agent was last heard from (registration, heartbeat or status update), in epoch
 * millis. In memory only. Thread-safe.
 */
public final class AgentLiveness {
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    public void touch(String agentId, long now) {
        lastSeen.merge(agentId, now, Math::max);
    }

    public OptionalLong lastSeen(String agentId) {
        Long seen = lastSeen.get(agentId);
        return seen == null ? OptionalLong.empty() : OptionalLong.of(seen);
    }

    public void forget(String agentId) {
        lastSeen.remove(agentId);
    }
}
