package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.tier.Tiers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides one scheduling round from a snapshot: {@link Placement} places what fits; then, for
 * tasks that fit nowhere and have waited at least the preemption delay, the {@link Preemptor}
 * picks victims on one agent each. Holds the agents reserved for preemptors between rounds.
 * Called by the scheduling thread only (the reservations are thread-safe anyway).
 */
public final class RoundPlanner {
    /**
     * @param maxPerRound most assignments, and most preemptions, one round decides
     * @param preemptionDelay how long a task must have been PENDING before it may preempt
     * @param reservationHold how long an agent stays held for a preemptor
     */
    public record Settings(int maxPerRound, Duration preemptionDelay, Duration reservationHold) {
        /** An order of magnitude below Aurora's 3 minutes: see scheduler/README.md. */
        public static final Duration DEFAULT_PREEMPTION_DELAY = Duration.ofSeconds(15);
        /** Aurora's {@code -offer_reservation_duration}. */
        public static final Duration DEFAULT_RESERVATION_HOLD = Duration.ofMinutes(3);

        public Settings {
            requireNonNull(preemptionDelay, "preemptionDelay is null");
            requireNonNull(reservationHold, "reservationHold is null");
            if (maxPerRound <= 0) {
                throw new IllegalArgumentException("maxPerRound must be positive, got "
                        + maxPerRound);
            }
            if (preemptionDelay.isNegative()) {
                throw new IllegalArgumentException("preemption delay must not be negative, got "
                        + preemptionDelay);
            }
        }

        public static Settings defaults(int maxPerRound) {
            return new Settings(maxPerRound, DEFAULT_PREEMPTION_DELAY, DEFAULT_RESERVATION_HOLD);
        }
    }

    /**
     * What one round decided.
     *
     * @param pending every task that was PENDING in the snapshot
     * @param reasons why each examined, unplaced task waits
     */
    public record Plan(Set<TaskId> pending, List<Assignment> assignments,
            List<Preemption> preemptions, Map<TaskId, String> reasons) {
        public static final Plan EMPTY = new Plan(Set.of(), List.of(), List.of(), Map.of());

        public Plan {
            pending = Set.copyOf(pending);
            assignments = List.copyOf(assignments);
            preemptions = List.copyOf(preemptions);
            reasons = Map.copyOf(reasons);
        }

        public boolean writesNothing() {
            return assignments.isEmpty() && preemptions.isEmpty();
        }
    }

    private final Tiers tiers;
    private final HostModes hostModes;
    private final Clock clock;
    private final Settings settings;
    private final Reservations reservations = new Reservations();

    public RoundPlanner(Tiers tiers, HostModes hostModes, Clock clock, Settings settings) {
        this.tiers = requireNonNull(tiers, "tiers is null");
        this.hostModes = requireNonNull(hostModes, "hostModes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Decides a round; pure apart from forgetting reservations that ended. */
    public Plan plan(List<AgentInfo> agents, List<Task> active) {
        long now = clock.millis();
        List<Task> pending = new ArrayList<>();
        Set<TaskId> pendingIds = new HashSet<>();
        for (Task task : active) {
            if (task.status() == TaskStatus.PENDING) {
                pending.add(task);
                pendingIds.add(task.id());
            }
        }
        if (pending.isEmpty()) {
            reservations.current(now, pendingIds);
            return Plan.EMPTY;
        }
        Map<String, TaskId> held = reservations.current(now, pendingIds);
        Placement placement = new Placement(agents, active, hostModes, held);
        Placement.Result placed = placement.place(pending, settings.maxPerRound());
        Set<TaskId> holding = new HashSet<>(held.values());
        long waitedSince = now - settings.preemptionDelay().toMillis();
        List<Task> candidates = new ArrayList<>();
        for (Task task : pending) {
            if (placed.reasons().containsKey(task.id()) && !holding.contains(task.id())
                    && task.statusTimestamp() <= waitedSince) {
                candidates.add(task);
            }
        }
        candidates.sort(Placement.ORDER);
        List<Preemption> preemptions = candidates.isEmpty() ? List.of()
                : new Preemptor(placement, tiers).find(candidates, settings.maxPerRound());
        Map<TaskId, String> reasons = new LinkedHashMap<>(placed.reasons());
        for (Preemption preemption : preemptions) {
            reasons.put(preemption.preemptor().id(), "Preempting " + preemption.victims().size()
                    + (preemption.victims().size() == 1 ? " task" : " tasks") + " on "
                    + preemption.agent().host() + " to make room");
        }
        return new Plan(pendingIds, placed.assignments(), preemptions, reasons);
    }

    /** Holds the agent of a preemption that was stored for its preemptor. */
    public void preempted(Preemption preemption) {
        reservations.hold(preemption.agent().agentId(), preemption.preemptor().id(),
                clock.millis() + settings.reservationHold().toMillis());
    }
}
