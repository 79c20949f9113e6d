package io.borealis.scheduler.scheduling;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.Constraint;
import io.borealis.api.model.JobKey;
import io.borealis.scheduler.storage.HostMode;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The agents of one scheduling round as placement sees them: each one's free room
 * ({@link AgentRoom}), the agents indexed by attribute value, and per job the counts that
 * spreading and limits read ({@link JobCounts}). Built in O(agents + active tasks); an index is
 * built the first time a constraint asks for its attribute. Scheduling thread only.
 */
final class Cluster {
    /** The agents of one rack among a group's candidates, in agent order. */
    record Rack(@Nullable String name, List<AgentRoom> rooms) {}

    /**
     * How the agents fare against the filters of a group that depend on the agent alone
     * ({@link TaskGroup#staticVeto}): how many gave each veto, and those that passed.
     */
    record StaticView(Map<Veto, Integer> tally, List<AgentRoom> passing) {}

    final List<AgentRoom> rooms = new ArrayList<>();
    private final Map<String, AgentRoom> byId = new HashMap<>();
    private final Map<JobKey, List<AgentRoom>> placedByJob = new HashMap<>();
    private final Map<JobKey, JobCounts> counts = new HashMap<>();
    private final Map<String, Map<String, List<AgentRoom>>> index = new HashMap<>();
    /** Candidate racks, by the constraint that chose them and the maintenance tier. */
    private final Map<Object, List<Rack>> candidates = new HashMap<>();
    private final Set<String> attributeNames = new HashSet<>();
    private final Map<Object, StaticView> staticViews = new HashMap<>();
    final double largestCpu;
    final long largestRamMb;
    final long largestDiskMb;
    final int largestGpu;
    final long largestPorts;
    private final boolean anyScheduled;

    /**
     * @param agents the registered agents
     * @param active every active task; those placed on a known agent hold room there
     * @param modes each host's maintenance mode
     * @param reservations agents held for a task after a preemption, by agent id
     */
    Cluster(List<AgentInfo> agents, Collection<Task> active, HostModes modes,
            Map<String, TaskId> reservations) {
        double cpu = 0;
        long ram = 0;
        long disk = 0;
        int gpu = 0;
        long ports = 0;
        for (AgentInfo agent : agents) {
            AgentRoom room = new AgentRoom(agent, rooms.size(), modes.modeOf(agent.host()));
            room.reservedFor = reservations.get(agent.agentId());
            rooms.add(room);
            byId.put(agent.agentId(), room);
            attributeNames.addAll(room.attributes.keySet());
            cpu = Math.max(cpu, agent.resources().cpu());
            ram = Math.max(ram, agent.resources().ramMb());
            disk = Math.max(disk, agent.resources().diskMb());
            gpu = Math.max(gpu, agent.resources().gpu());
        }
        for (Task task : active) {
            AgentRoom room = task.agentId() == null ? null : byId.get(task.agentId());
            if (room != null) {
                room.hold(task);
                placedByJob.computeIfAbsent(task.jobKey(), k -> new ArrayList<>()).add(room);
            }
        }
        for (AgentRoom room : rooms) {
            ports = Math.max(ports, portCount(room.agent));
        }
        largestCpu = cpu;
        largestRamMb = ram;
        largestDiskMb = disk;
        largestGpu = gpu;
        largestPorts = ports;
        anyScheduled = rooms.stream().anyMatch(room -> room.mode == HostMode.SCHEDULED);
    }

    private static long portCount(AgentInfo agent) {
        return agent.portRanges().stream()
                .mapToLong(r -> Math.max(0, r.last() - r.first() + 1L)).sum();
    }

    AgentRoom room(String agentId) {
        return byId.get(agentId);
    }

    boolean hasAttribute(String name) {
        return attributeNames.contains(name);
    }

    /**
     * The counts of {@code job}, built on first use from the tasks already placed.
     *
     * @param limited the attributes the job's limit constraints name, for every group of the
     *     job in this round
     */
    JobCounts counts(JobKey job, Set<String> limited) {
        JobCounts existing = counts.get(job);
        if (existing != null) {
            return existing;
        }
        JobCounts created = new JobCounts(limited);
        for (AgentRoom room : placedByJob.getOrDefault(job, List.of())) {
            created.add(room);
        }
        counts.put(job, created);
        return created;
    }

    /** The static vetoes of every agent for {@code group}; computed once per kind of group. */
    StaticView staticView(TaskGroup group) {
        return staticViews.computeIfAbsent(group.staticKey(), k -> {
            Map<Veto, Integer> tally = new HashMap<>();
            List<AgentRoom> passing = new ArrayList<>();
            for (AgentRoom room : rooms) {
                Veto veto = group.staticVeto(room);
                if (veto == null) {
                    passing.add(room);
                } else {
                    tally.merge(veto, 1, Integer::sum);
                }
            }
            return new StaticView(Map.copyOf(tally), List.copyOf(passing));
        });
    }

    /**
     * The agents that may take tasks of {@code group}, by rack: the dedicated ones it names,
     * those having a value of its most selective value constraint, or every shared agent. Other
     * filters still apply; this only narrows the search.
     *
     * @param scheduled false: the agents not in SCHEDULED maintenance, where tasks go first;
     *     true: those in SCHEDULED, which take a task only when no other agent can
     */
    List<Rack> candidates(TaskGroup group, boolean scheduled) {
        Constraint narrowest = null;
        List<AgentRoom> narrowestRooms = null;
        for (Constraint constraint : group.values) {
            if (constraint.negated()) {
                continue;
            }
            List<AgentRoom> matching = withAnyValue(constraint);
            if (narrowestRooms == null || matching.size() < narrowestRooms.size()) {
                narrowest = constraint;
                narrowestRooms = matching;
            }
        }
        if (narrowest == null) {
            return candidates.computeIfAbsent(List.of(scheduled), k -> racks(rooms.stream()
                    .filter(room -> !room.dedicated && inTier(room, scheduled)).toList()));
        }
        boolean dedicated = group.dedicated;
        List<AgentRoom> chosen = narrowestRooms;
        return candidates.computeIfAbsent(List.of(narrowest.attribute(), narrowest.values(),
                dedicated, scheduled), k -> racks(chosen.stream()
                        .filter(room -> (dedicated || !room.dedicated) && inTier(room, scheduled))
                        .toList()));
    }

    /** Whether any agent is in SCHEDULED maintenance (else the second tier is empty). */
    boolean anyScheduled() {
        return anyScheduled;
    }

    private static boolean inTier(AgentRoom room, boolean scheduled) {
        return (room.mode == HostMode.SCHEDULED) == scheduled;
    }

    /** The agents having any of {@code constraint}'s values, in agent order, once each. */
    private List<AgentRoom> withAnyValue(Constraint constraint) {
        Map<String, List<AgentRoom>> byValue = index.computeIfAbsent(constraint.attribute(),
                this::indexOf);
        if (constraint.values().size() == 1) {
            return byValue.getOrDefault(constraint.values().iterator().next(), List.of());
        }
        Map<AgentRoom, Boolean> union = new IdentityHashMap<>();
        for (String value : constraint.values()) {
            for (AgentRoom room : byValue.getOrDefault(value, List.of())) {
                union.put(room, Boolean.TRUE);
            }
        }
        List<AgentRoom> sorted = new ArrayList<>(union.keySet());
        sorted.sort(Comparator.comparingInt(room -> room.ordinal));
        return sorted;
    }

    private Map<String, List<AgentRoom>> indexOf(String attribute) {
        Map<String, List<AgentRoom>> byValue = new HashMap<>();
        for (AgentRoom room : rooms) {
            for (String value : room.attributes.getOrDefault(attribute, Set.of())) {
                byValue.computeIfAbsent(value, k -> new ArrayList<>()).add(room);
            }
        }
        return byValue;
    }

    private static List<Rack> racks(List<AgentRoom> rooms) {
        Map<String, List<AgentRoom>> byRack = new LinkedHashMap<>();
        for (AgentRoom room : rooms) {
            byRack.computeIfAbsent(room.rack, k -> new ArrayList<>()).add(room);
        }
        List<Rack> racks = new ArrayList<>();
        byRack.forEach((name, members) -> racks.add(new Rack(name, List.copyOf(members))));
        return List.copyOf(racks);
    }
}
