package io.borealis.scheduler.scheduling;

import io.borealis.api.model.Constraint;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskConfig;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The PENDING tasks of one round that share a configuration (Aurora's task group), and the
 * filters every agent must pass to take one of them, in Aurora's order (aurora-features §3.1):
 * dedicated host, maintenance, value constraints ({@link #staticVeto}: they depend on the agent
 * alone), limit constraints ({@link #limitVeto}: they depend on the job's counts), then
 * resources. Once no agent takes one task of a group, none takes the others this round.
 * Scheduling thread only.
 */
final class TaskGroup {
    /** A value constraint, ready to test: any of {@code values} present, inverted if negated. */
    private record ValueRule(String attribute, String[] values, boolean negated, Veto veto) {
        boolean matches(@Nullable Set<String> present) {
            boolean any = false;
            if (present != null) {
                for (String value : values) {
                    if (present.contains(value)) {
                        any = true;
                        break;
                    }
                }
            }
            return negated != any;
        }
    }

    private record LimitRule(String attribute, int limit, Veto missing, Veto reached) {}

    final TaskConfig config;
    final List<Task> tasks = new ArrayList<>();
    final Resources need;
    final int ports;
    /** Value constraints, the dedicated one included, in the job's order. */
    final List<Constraint> values = new ArrayList<>();
    final boolean dedicated;
    private final List<ValueRule> valueRules = new ArrayList<>();
    private final List<LimitRule> limitRules = new ArrayList<>();

    TaskGroup(TaskConfig config) {
        this.config = config;
        this.need = config.resources();
        this.ports = config.requestedPorts().size();
        for (Constraint constraint : config.constraints()) {
            String attribute = constraint.attribute();
            if (constraint.limit() > 0) {
                limitRules.add(new LimitRule(attribute, constraint.limit(),
                        Veto.constraint(attribute), Veto.limit(attribute)));
            } else {
                values.add(constraint);
                valueRules.add(new ValueRule(attribute,
                        constraint.values().toArray(new String[0]), constraint.negated(),
                        Veto.constraint(attribute)));
            }
        }
        this.dedicated = config.isDedicated();
    }

    JobKey job() {
        return config.job();
    }

    /** The attributes the limit constraints name: their per-value counts are kept. */
    Set<String> limitedAttributes() {
        Set<String> names = new LinkedHashSet<>();
        for (LimitRule limit : limitRules) {
            names.add(limit.attribute());
        }
        return names;
    }

    /** What {@link #staticVeto} depends on: groups with equal keys veto the same agents. */
    Object staticKey() {
        return List.of(dedicated, values);
    }

    /** The first veto of {@code room} before resources, or null when it passes them all. */
    @Nullable Veto filterVeto(AgentRoom room, JobCounts counts) {
        Veto veto = staticVeto(room);
        return veto != null ? veto : limitVeto(room, counts);
    }

    /** The first of the dedicated, maintenance and value-constraint vetoes, or null. */
    @Nullable Veto staticVeto(AgentRoom room) {
        if (room.dedicated && !dedicated) {
            return Veto.DEDICATED_HOST;
        }
        switch (room.mode) {
            case NONE, SCHEDULED -> { }
            case DRAINING -> {
                return Veto.DRAINING;
            }
            case DRAINED -> {
                return Veto.DRAINED;
            }
        }
        for (ValueRule rule : valueRules) {
            if (!rule.matches(room.attributes.get(rule.attribute()))) {
                return rule.veto();
            }
        }
        return null;
    }

    /** The first limit-constraint veto of {@code room} given the job's counts, or null. */
    @Nullable Veto limitVeto(AgentRoom room, JobCounts counts) {
        for (LimitRule limit : limitRules) {
            Set<String> present = room.attributes.get(limit.attribute());
            if (present == null) {
                return limit.missing();
            }
            for (String value : present) {
                if (counts.withValue(limit.attribute(), value) >= limit.limit()) {
                    return limit.reached();
                }
            }
        }
        return null;
    }

    /** Whether {@code room} takes {@code task} now: room, reservation and every filter. */
    boolean accepts(AgentRoom room, JobCounts counts, TaskId task) {
        return room.fits(need, ports)
                && (room.reservedFor == null || room.reservedFor.equals(task))
                && filterVeto(room, counts) == null;
    }
}
