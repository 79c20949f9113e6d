package io.borealis.scheduler.scheduling;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.Attribute;
import io.borealis.api.model.PortRange;
import io.borealis.api.model.Resources;
import io.borealis.scheduler.storage.HostMode;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One agent during one scheduling round: its attributes (with {@code host}), maintenance mode,
 * the active tasks it holds, and its free room, which shrinks as the round assigns tasks to it.
 * Free room never grows within a round, which is what lets a search skip an agent for good once
 * it is too full. Mutable; used by the scheduling thread only.
 */
final class AgentRoom {
    static final String HOST = "host";
    static final String RACK = "rack";

    final AgentInfo agent;
    /** Position in the round's agent list: searches rotate over it. */
    final int ordinal;
    final Map<String, Set<String>> attributes;
    final @Nullable String rack;
    final boolean dedicated;
    final HostMode mode;
    /** Active tasks placed here, in snapshot order (they hold resources and ports). */
    final List<Task> active = new ArrayList<>();
    /** The one task this agent is held for after a preemption, or null. */
    @Nullable TaskId reservedFor;

    double cpu;
    long ramMb;
    long diskMb;
    int gpu;
    private final Set<Integer> usedPorts = new HashSet<>();
    private long freePorts;
    /** Every port of the ranges before this position is in use (ports are only taken). */
    private int portRange;
    private int portNext;

    AgentRoom(AgentInfo agent, int ordinal, HostMode mode) {
        this.agent = agent;
        this.ordinal = ordinal;
        this.mode = mode;
        Map<String, Set<String>> attrs = new HashMap<>();
        for (Attribute attribute : agent.attributes()) {
            attrs.computeIfAbsent(attribute.name(), k -> new HashSet<>())
                    .addAll(attribute.values());
        }
        attrs.put(HOST, Set.of(agent.host()));
        this.attributes = Collections.unmodifiableMap(attrs);
        Set<String> racks = attrs.getOrDefault(RACK, Set.of());
        this.rack = racks.isEmpty() ? null : racks.iterator().next();
        this.dedicated = attrs.containsKey(io.borealis.api.model.TaskConfig.DEDICATED_ATTRIBUTE);
        Resources total = agent.resources();
        cpu = total.cpu();
        ramMb = total.ramMb();
        diskMb = total.diskMb();
        gpu = total.gpu();
        for (PortRange range : agent.portRanges()) {
            freePorts += Math.max(0, range.last() - range.first() + 1L);
        }
        if (!agent.portRanges().isEmpty()) {
            portNext = agent.portRanges().get(0).first();
        }
    }

    /** How many ports of the agent's ranges are free. */
    long freePorts() {
        return freePorts;
    }

    /** Counts an active task placed here: it holds its resources and ports. */
    void hold(Task task) {
        active.add(task);
        subtract(task.config().resources());
        for (int port : task.assignedPorts().values()) {
            markUsed(port);
        }
    }

    boolean fits(Resources need, int ports) {
        // A small tolerance: cpu shares are sums of doubles such as 0.1.
        return need.cpu() <= cpu + 1e-9 && need.ramMb() <= ramMb && need.diskMb() <= diskMb
                && need.gpu() <= gpu && ports <= freePorts;
    }

    /** Counts, in {@code tally}, every resource this agent lacks for {@code need}. */
    void tallyResourceVetoes(Resources need, int ports, Map<Veto, Integer> tally) {
        if (need.cpu() > cpu + 1e-9) {
            tally.merge(Veto.CPU, 1, Integer::sum);
        }
        if (need.ramMb() > ramMb) {
            tally.merge(Veto.RAM, 1, Integer::sum);
        }
        if (need.diskMb() > diskMb) {
            tally.merge(Veto.DISK, 1, Integer::sum);
        }
        if (need.gpu() > gpu) {
            tally.merge(Veto.GPU, 1, Integer::sum);
        }
        if (ports > freePorts) {
            tally.merge(Veto.PORTS, 1, Integer::sum);
        }
    }

    /** Takes room for a task that {@link #fits}; returns its ports, by name. */
    Map<String, Integer> take(Resources need, Set<String> portNames) {
        subtract(need);
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (portNames.isEmpty()) {
            return ports;
        }
        List<String> names = new ArrayList<>(portNames);
        Collections.sort(names);
        for (String name : names) {
            int port = nextFreePort();
            markUsed(port);
            ports.put(name, port);
        }
        return ports;
    }

    private void subtract(Resources resources) {
        cpu -= resources.cpu();
        ramMb -= resources.ramMb();
        diskMb -= resources.diskMb();
        gpu -= resources.gpu();
    }

    private void markUsed(int port) {
        if (usedPorts.add(port) && inRanges(port)) {
            freePorts--;
        }
    }

    private boolean inRanges(int port) {
        for (PortRange range : agent.portRanges()) {
            if (port >= range.first() && port <= range.last()) {
                return true;
            }
        }
        return false;
    }

    /** The lowest free port from the scan position on; the caller checked there is one. */
    private int nextFreePort() {
        List<PortRange> ranges = agent.portRanges();
        while (portRange < ranges.size()) {
            PortRange range = ranges.get(portRange);
            for (; portNext <= range.last(); portNext++) {
                if (portNext >= range.first() && !usedPorts.contains(portNext)) {
                    return portNext;
                }
            }
            portRange++;
            if (portRange < ranges.size()) {
                portNext = ranges.get(portRange).first();
            }
        }
        throw new IllegalStateException("no free port on " + agent.agentId());
    }

    @Override
    public String toString() {
        return agent.agentId();
    }
}
