package io.borealis.scheduler.scheduling;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.PortRange;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskConfig;
import io.borealis.scheduler.storage.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides where PENDING tasks go: first fit over the agents, starting each search after the
 * agent that took the previous task so that instances spread out. An agent fits when its free
 * cpu, ram, disk and gpu cover the task's resources and its port ranges have a free port for
 * every requested port name. Higher priority goes first, then older tasks. Once a configuration
 * fits nowhere, its other tasks are not tried again in the same round (Aurora's task groups), so
 * a round costs at most (tasks + configurations x agents) fit checks. Pure; not thread-safe.
 */
public final class Placement {
    private final List<Slot> slots = new ArrayList<>();
    private int cursor;

    /**
     * @param agents the registered agents
     * @param activeByAgent the active tasks placed on each agent (they hold resources and ports)
     */
    public Placement(List<AgentInfo> agents, Map<String, List<Task>> activeByAgent) {
        for (AgentInfo agent : agents) {
            slots.add(new Slot(agent, activeByAgent.getOrDefault(agent.agentId(), List.of())));
        }
    }

    /** Places as many of {@code pending} as fit, at most {@code limit}; consumes the room. */
    public List<Assignment> place(List<Task> pending, int limit) {
        List<Task> ordered = new ArrayList<>(pending);
        ordered.sort(Comparator.comparingInt((Task t) -> -t.config().priority())
                .thenComparingLong(Task::statusTimestamp)
                .thenComparing(Task::id));
        Set<TaskConfig> unplaceable = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Assignment> assignments = new ArrayList<>();
        for (Task task : ordered) {
            if (assignments.size() >= limit || slots.isEmpty()) {
                break;
            }
            if (unplaceable.contains(task.config())) {
                continue;
            }
            Optional<Assignment> assignment = placeOne(task);
            if (assignment.isPresent()) {
                assignments.add(assignment.get());
            } else {
                unplaceable.add(task.config());
            }
        }
        return assignments;
    }

    private Optional<Assignment> placeOne(Task task) {
        for (int i = 0; i < slots.size(); i++) {
            int at = (cursor + i) % slots.size();
            Slot slot = slots.get(at);
            Optional<Map<String, Integer>> ports = slot.fit(task.config());
            if (ports.isPresent()) {
                slot.take(task.config().resources(), ports.get());
                cursor = at + 1;
                return Optional.of(new Assignment(task.id(), slot.agent, ports.get()));
            }
        }
        return Optional.empty();
    }

    /** One agent's remaining room during a round. */
    private static final class Slot {
        private final AgentInfo agent;
        private double cpu;
        private long ramMb;
        private long diskMb;
        private int gpu;
        private final Set<Integer> usedPorts = new HashSet<>();

        Slot(AgentInfo agent, List<Task> active) {
            this.agent = agent;
            Resources total = agent.resources();
            cpu = total.cpu();
            ramMb = total.ramMb();
            diskMb = total.diskMb();
            gpu = total.gpu();
            for (Task task : active) {
                take(task.config().resources(), task.assignedPorts());
            }
        }

        void take(Resources resources, Map<String, Integer> ports) {
            cpu -= resources.cpu();
            ramMb -= resources.ramMb();
            diskMb -= resources.diskMb();
            gpu -= resources.gpu();
            usedPorts.addAll(ports.values());
        }

        /** The ports the task would get here, or empty when it does not fit. */
        Optional<Map<String, Integer>> fit(TaskConfig config) {
            Resources need = config.resources();
            // A small tolerance: cpu shares are sums of doubles such as 0.1.
            if (need.cpu() > cpu + 1e-9 || need.ramMb() > ramMb || need.diskMb() > diskMb
                    || need.gpu() > gpu) {
                return Optional.empty();
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            if (config.requestedPorts().isEmpty()) {
                return Optional.of(ports);
            }
            List<String> names = new ArrayList<>(config.requestedPorts());
            Collections.sort(names);
            int next = 0;
            for (PortRange range : agent.portRanges()) {
                for (int port = range.first(); port <= range.last() && next < names.size();
                        port++) {
                    if (!usedPorts.contains(port)) {
                        ports.put(names.get(next++), port);
                    }
                }
            }
            return next == names.size() ? Optional.of(ports) : Optional.empty();
        }
    }
}
