package io.borealis.scheduler.scheduling;

import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.tier.TierConfig;
import io.borealis.scheduler.tier.Tiers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds room for tasks that placement left waiting by evicting others (aurora-features §2.8):
 * a candidate may preempt a task when the candidate is non-preemptible and the task is
 * preemptible, or when both have the same preemptible flag, the same role, and the candidate has
 * the higher priority. It looks for ONE agent that passes every filter of the candidate
 * (dedicated, maintenance, constraints, limits) where the free room plus what the victims hold
 * covers the candidate, preferring preemptible victims, then the lowest priority, then the
 * largest. Works on the round's {@link Placement} after it placed what it could; a chosen agent
 * is held for its candidate, so later candidates look elsewhere.
 *
 * <p>Cost: per group at most one pass over its candidate agents, each looking at the agent's
 * active tasks; a group that finds no agent is not tried again this round. Scheduling thread
 * only.
 */
final class Preemptor {
    /** States whose tasks hold room and can be told to stop. */
    private static final Set<TaskStatus> EVICTABLE =
            EnumSet.of(TaskStatus.ASSIGNED, TaskStatus.STARTING, TaskStatus.RUNNING);

    private final Placement placement;
    private final Tiers tiers;
    private final Set<TaskId> evicted = new HashSet<>();

    Preemptor(Placement placement, Tiers tiers) {
        this.placement = placement;
        this.tiers = tiers;
    }

    /**
     * @param candidates waiting tasks, most important first, each given to the placement's round
     * @param limit most preemptions to decide
     */
    List<Preemption> find(List<Task> candidates, int limit) {
        List<Preemption> found = new ArrayList<>();
        Set<TaskGroup> hopeless = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Task candidate : candidates) {
            if (found.size() >= limit) {
                break;
            }
            TaskGroup group = placement.groupOf(candidate);
            if (hopeless.contains(group)) {
                continue;
            }
            Preemption preemption = slotFor(candidate, group);
            if (preemption == null) {
                hopeless.add(group);
            } else {
                found.add(preemption);
            }
        }
        return found;
    }

    private @Nullable Preemption slotFor(Task candidate, TaskGroup group) {
        TierConfig tier = tiers.tierOf(candidate.config());
        JobCounts counts = placement.countsOf(group);
        // Hosts in SCHEDULED maintenance last, as in placement.
        for (boolean scheduled : new boolean[] {false, true}) {
            for (Cluster.Rack rack : placement.cluster().candidates(group, scheduled)) {
                for (AgentRoom room : rack.rooms()) {
                    if (room.reservedFor != null || group.filterVeto(room, counts) != null) {
                        continue;
                    }
                    List<Task> victims = victims(room, candidate, tier, group);
                    if (!victims.isEmpty()) {
                        room.reservedFor = candidate.id();
                        for (Task victim : victims) {
                            evicted.add(victim.id());
                        }
                        return new Preemption(candidate, room.agent, victims);
                    }
                }
            }
        }
        return null;
    }

    /** The fewest victims (in preference order) that make room on {@code room}; empty if none. */
    private List<Task> victims(AgentRoom room, Task candidate, TierConfig tier, TaskGroup group) {
        List<Task> eligible = new ArrayList<>();
        Room total = Room.free(room);
        for (Task task : room.active) {
            if (EVICTABLE.contains(task.status()) && !evicted.contains(task.id())
                    && mayPreempt(candidate, tier, task)) {
                eligible.add(task);
                total = total.plus(task);
            }
        }
        if (eligible.isEmpty() || !total.covers(group)) {
            return List.of();
        }
        eligible.sort(Comparator.comparing((Task t) -> !tiers.tierOf(t.config()).preemptible())
                .thenComparingInt(t -> t.config().priority())
                .thenComparing(Comparator.comparingDouble(
                        (Task t) -> t.config().resources().cpu()).reversed())
                .thenComparing(Comparator.comparingLong(
                        (Task t) -> t.config().resources().ramMb()).reversed()));
        Room freed = Room.free(room);
        List<Task> chosen = new ArrayList<>();
        for (Task victim : eligible) {
            if (freed.covers(group)) {
                break;
            }
            chosen.add(victim);
            freed = freed.plus(victim);
        }
        return chosen;
    }

    private boolean mayPreempt(Task candidate, TierConfig tier, Task victim) {
        TierConfig victimTier = tiers.tierOf(victim.config());
        if (!tier.preemptible() && victimTier.preemptible()) {
            return true;
        }
        return tier.preemptible() == victimTier.preemptible()
                && candidate.jobKey().role().equals(victim.jobKey().role())
                && candidate.config().priority() > victim.config().priority();
    }

    /** Room on an agent: what is free plus what chosen victims would give back. */
    private record Room(double cpu, long ramMb, long diskMb, long gpu, long ports) {
        static Room free(AgentRoom room) {
            return new Room(room.cpu, room.ramMb, room.diskMb, room.gpu, room.freePorts());
        }

        Room plus(Task task) {
            Resources r = task.config().resources();
            return new Room(cpu + r.cpu(), ramMb + r.ramMb(), diskMb + r.diskMb(),
                    gpu + r.gpu(), ports + task.assignedPorts().size());
        }

        boolean covers(TaskGroup group) {
            Resources need = group.need;
            return need.cpu() <= cpu + 1e-9 && need.ramMb() <= ramMb && need.diskMb() <= diskMb
                    && need.gpu() <= gpu && group.ports <= ports;
        }
    }
}
