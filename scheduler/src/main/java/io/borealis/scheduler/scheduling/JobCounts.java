package io.borealis.scheduler.scheduling;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How many active tasks of one job each agent, each rack and each value of the attributes its
 * limit constraints name hold during a round: the tasks already placed, plus those the round has
 * assigned so far. Spreading and {@code limit:N} read these counts. Mutable; scheduling thread
 * only.
 */
final class JobCounts {
    private final Map<AgentRoom, Integer> perAgent = new IdentityHashMap<>();
    private final Map<String, Integer> perRack = new HashMap<>();
    /** attribute -> value -> count, for the attributes a limit constraint of the job names. */
    private final Map<String, Map<String, Integer>> perValue = new HashMap<>();
    private int maxPerAgent;

    /** @param limited the attributes the job's limit constraints name */
    JobCounts(Set<String> limited) {
        for (String attribute : limited) {
            perValue.put(attribute, new HashMap<>());
        }
    }

    /** One more task of the job on {@code room}. */
    void add(AgentRoom room) {
        int onAgent = perAgent.merge(room, 1, Integer::sum);
        maxPerAgent = Math.max(maxPerAgent, onAgent);
        perRack.merge(rackKey(room.rack), 1, Integer::sum);
        perValue.forEach((attribute, counts) -> {
            for (String value : room.attributes.getOrDefault(attribute, Set.of())) {
                counts.merge(value, 1, Integer::sum);
            }
        });
    }

    int onAgent(AgentRoom room) {
        return perAgent.getOrDefault(room, 0);
    }

    int onRack(@Nullable String rack) {
        return perRack.getOrDefault(rackKey(rack), 0);
    }

    /** The most tasks of the job on any one agent. */
    int maxPerAgent() {
        return maxPerAgent;
    }

    /** Tasks of the job on agents whose {@code attribute} has {@code value}. */
    int withValue(String attribute, String value) {
        Map<String, Integer> counts = perValue.get(attribute);
        if (counts == null) {
            throw new IllegalStateException("attribute " + attribute + " is not counted");
        }
        return counts.getOrDefault(value, 0);
    }

    private static String rackKey(@Nullable String rack) {
        // Agents without a rack count as one rack of their own; "" is never a rack value.
        return rack == null ? "" : rack;
    }
}
