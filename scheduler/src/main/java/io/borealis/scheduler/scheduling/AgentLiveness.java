package io.borealis.scheduler.scheduling;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each agent was last heard from (registration, heartbeat or status update), in epoch
 * millis. In memory only. Thread-safe.
 */
public final class AgentLiveness {
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final AtomicLong forgotten = new AtomicLong();

    public void touch(String agentId, long now) {
        lastSeen.merge(agentId, now, Math::max);
    }

    public OptionalLong lastSeen(String agentId) {
        Long seen = lastSeen.get(agentId);
        return seen == null ? OptionalLong.empty() : OptionalLong.of(seen);
    }

    /** Forgets an agent given up on; counted by {@link #forgotten} when it was known. */
    public void forget(String agentId) {
        if (lastSeen.remove(agentId) != null) {
            forgotten.incrementAndGet();
        }
    }

    /** How many agents were forgotten (declared lost) since this scheduler started. */
    public long forgotten() {
        return forgotten.get();
    }
}
