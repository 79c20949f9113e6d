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
 * dedicated host, maintenance, value constraints, limit constraints, then resources. Once no
 * agent takes one task of a group, none takes the others this round. Scheduling thread only.
 */
final class TaskGroup {
    final TaskConfig config;
    final List<Task> tasks = new ArrayList<>();
    final Resources need;
    final int ports;
    /** Value constraints, the dedicated one included, in the job's order. */
    final List<Constraint> values = new ArrayList<>();
    final List<Constraint> limits = new ArrayList<>();
    final boolean dedicated;

    TaskGroup(TaskConfig config) {
        this.config = config;
        this.need = config.resources();
        this.ports = config.requestedPorts().size();
        for (Constraint constraint : config.constraints()) {
            if (constraint.limit() > 0) {
                limits.add(constraint);
            } else {
                values.add(constraint);
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
        for (Constraint limit : limits) {
            names.add(limit.attribute());
        }
        return names;
    }

    /** The first veto of {@code room} before resources, or null when it passes them all. */
    @Nullable Veto filterVeto(AgentRoom room, JobCounts counts) {
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
        for (Constraint constraint : values) {
            if (!matches(room.attributes.get(constraint.attribute()), constraint)) {
                return Veto.constraint(constraint.attribute());
            }
        }
        for (Constraint limit : limits) {
            Set<String> present = room.attributes.get(limit.attribute());
            if (present == null) {
                return Veto.constraint(limit.attribute());
            }
            for (String value : present) {
                if (counts.withValue(limit.attribute(), value) >= limit.limit()) {
                    return Veto.limit(limit.attribute());
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

    /** Aurora's value match: any listed value present, inverted when negated. */
    static boolean matches(@Nullable Set<String> present, Constraint constraint) {
        boolean any = false;
        if (present != null) {
            for (String value : constraint.values()) {
                if (present.contains(value)) {
                    any = true;
                    break;
                }
            }
        }
        return constraint.negated() != any;
    }
}
