package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskConfig;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides where PENDING tasks go in one round. Higher priority goes first, then older tasks;
 * tasks with one configuration form a group (Aurora's task group) and once one of them fits
 * nowhere the rest of the group is not tried again this round.
 *
 * <p>An agent can take a task when it passes every filter of {@link TaskGroup} (dedicated,
 * maintenance, constraints, limits) and has the resources and ports. Agents whose host is in
 * SCHEDULED maintenance are tried only when no other agent can take the task. Among those agents the task
 * goes to the one with the fewest tasks of its job, then on the rack with the fewest tasks of its
 * job ({@link SpreadSearch}), then the next one after the agent that took the previous task. A
 * task whose agent was reserved for it after a preemption goes there first.
 *
 * <p>Cost: building the round is O(agents + active tasks); each group scans its candidate agents
 * (narrowed by the attribute index) at most once per level of spreading, so a round costs
 * O(tasks + groups x candidates x levels), not O(tasks x agents). A task that cannot be placed
 * gets a reason from the vetoes of every agent (O(agents), once per group). Pure; not
 * thread-safe.
 */
public final class Placement {
    /**
     * What a round decided.
     *
     * @param assignments the tasks placed, in the order decided
     * @param reasons why each examined task that was not placed waits, by task id
     */
    public record Result(List<Assignment> assignments, Map<TaskId, String> reasons) {
        public Result {
            assignments = List.copyOf(assignments);
            reasons = Map.copyOf(reasons);
        }
    }

    /** Most important first: higher priority, then longer waiting. */
    static final Comparator<Task> ORDER =
            Comparator.comparingInt((Task t) -> -t.config().priority())
                    .thenComparingLong(Task::statusTimestamp)
                    .thenComparing(t -> t.id().value());

    private final Cluster cluster;
    private final Map<TaskId, AgentRoom> reserved = new HashMap<>();
    private final Map<TaskConfig, TaskGroup> groups = new IdentityHashMap<>();
    private int cursor;
    private int rotation;

    /**
     * @param agents the registered agents
     * @param active every active task (those placed hold room on their agent; PENDING ones are
     *     ignored here)
     * @param modes each host's maintenance mode
     * @param reservations agents held for one task after a preemption, by agent id
     */
    public Placement(List<AgentInfo> agents, Collection<Task> active, HostModes modes,
            Map<String, TaskId> reservations) {
        this.cluster = new Cluster(requireNonNull(agents, "agents is null"),
                requireNonNull(active, "active is null"), requireNonNull(modes, "modes is null"),
                requireNonNull(reservations, "reservations is null"));
        reservations.forEach((agentId, task) -> {
            AgentRoom room = cluster.room(agentId);
            if (room != null) {
                reserved.put(task, room);
            }
        });
    }

    /** Without maintenance or reservations. */
    public Placement(List<AgentInfo> agents, Collection<Task> active) {
        this(agents, active, HostModes.NONE, Map.of());
    }

    /** Places as many of {@code pending} as fit, at most {@code limit}; consumes the room. */
    public Result place(List<Task> pending, int limit) {
        List<TaskGroup> ordered = group(pending);
        List<Assignment> assignments = new ArrayList<>();
        Map<TaskId, String> reasons = new LinkedHashMap<>();
        for (TaskGroup group : ordered) {
            if (assignments.size() >= limit) {
                break;
            }
            placeGroup(group, limit, assignments, reasons);
        }
        return new Result(assignments, reasons);
    }

    Cluster cluster() {
        return cluster;
    }

    /** The group of a task given to {@link #place}. */
    TaskGroup groupOf(Task task) {
        return requireNonNull(groups.get(task.config()), "task was not given to place()");
    }

    JobCounts countsOf(TaskGroup group) {
        return cluster.counts(group.job(), Set.of());
    }

    private List<TaskGroup> group(List<Task> pending) {
        List<Task> sorted = new ArrayList<>(pending);
        sorted.sort(ORDER);
        Map<TaskConfig, TaskGroup> byValue = new HashMap<>();
        Set<TaskGroup> ordered = new LinkedHashSet<>();
        Map<JobKey, Set<String>> limited = new HashMap<>();
        for (Task task : sorted) {
            TaskGroup group = groups.computeIfAbsent(task.config(),
                    config -> byValue.computeIfAbsent(config, TaskGroup::new));
            if (ordered.add(group)) {
                limited.computeIfAbsent(group.job(), k -> new LinkedHashSet<>())
                        .addAll(group.limitedAttributes());
            }
            group.tasks.add(task);
        }
        // Counts are built once per job, knowing every attribute its groups limit.
        limited.forEach(cluster::counts);
        return List.copyOf(ordered);
    }

    private void placeGroup(TaskGroup group, int limit, List<Assignment> out,
            Map<TaskId, String> reasons) {
        String reason = cluster.rooms.isEmpty() ? PendingReasonText.NO_AGENTS
                : PendingReasonText.tooBig(group, cluster);
        if (reason != null) {
            group.tasks.forEach(task -> reasons.put(task.id(), reason));
            return;
        }
        JobCounts counts = countsOf(group);
        SpreadSearch search = null;
        boolean onScheduled = false;
        for (int i = 0; i < group.tasks.size() && out.size() < limit; i++) {
            Task task = group.tasks.get(i);
            AgentRoom room = reserved.get(task.id());
            if (room == null || !group.accepts(room, counts, task.id())) {
                if (search == null) {
                    search = new SpreadSearch(group, counts, cluster.candidates(group, false),
                            cursor, rotation++);
                }
                room = search.next();
                // Hosts in SCHEDULED maintenance come last: only once no other host can take a
                // task of the group (room only shrinks, so none can later in the round either).
                if (room == null && !onScheduled && cluster.anyScheduled()) {
                    onScheduled = true;
                    search = new SpreadSearch(group, counts, cluster.candidates(group, true),
                            cursor, rotation++);
                    room = search.next();
                }
            }
            if (room == null) {
                String why = reason(group, counts);
                for (Task waiting : group.tasks.subList(i, group.tasks.size())) {
                    AgentRoom held = reserved.get(waiting.id());
                    reasons.put(waiting.id(), held == null ? why
                            : PendingReasonText.waitingForPreemption(held.agent.host()));
                }
                return;
            }
            out.add(assign(group, counts, room, task));
        }
    }

    private Assignment assign(TaskGroup group, JobCounts counts, AgentRoom room, Task task) {
        Map<String, Integer> ports = room.take(group.need, group.config.requestedPorts());
        counts.add(room);
        cursor = room.ordinal + 1;
        if (task.id().equals(room.reservedFor)) {
            room.reservedFor = null; // used: what is left of the agent is for anyone
        }
        return new Assignment(task.id(), room.agent, ports);
    }

    /**
     * Why no agent takes a task of {@code group} now: the vetoes of every agent, tallied. The
     * filters that depend on the agent alone are tallied once per kind of group and round.
     */
    private String reason(TaskGroup group, JobCounts counts) {
        Cluster.StaticView view = cluster.staticView(group);
        Map<Veto, Integer> tally = new HashMap<>(view.tally());
        for (AgentRoom room : view.passing()) {
            Veto veto = group.limitVeto(room, counts);
            if (veto == null && room.reservedFor != null) {
                veto = Veto.RESERVED_HOST;
            }
            if (veto != null) {
                tally.merge(veto, 1, Integer::sum);
            } else {
                room.tallyResourceVetoes(group.need, group.ports, tally);
            }
        }
        return PendingReasonText.of(tally, cluster::hasAttribute);
    }
}
