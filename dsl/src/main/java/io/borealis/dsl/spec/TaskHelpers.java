package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aurora's {@code Tasks} helpers, seen by job files as {@code Tasks.combine(t1, t2)} and
 * {@code Tasks.concat(t1, t2)} (aurora-features §1.14). Both take the last task as the base
 * (its name and limits), put every process in one list and merge the order constraints
 * (a {@code SequentialTask}'s implicit order included):
 *
 * <ul>
 *   <li>combine: the processes run side by side; resources add up; {@code finalization_wait} is
 *       the largest.
 *   <li>concat: every process of a task runs after every process of the task before it (final
 *       processes after final ones only); each resource is the largest; {@code
 *       finalization_wait} adds up.
 * </ul>
 *
 * A value these cannot add or compare (not a task, a resource that is not a number) is reported
 * at the call's line and yields the invalid stand-in. Called by the job file, on its thread.
 */
public final class TaskHelpers {
    private static final List<String> RESOURCES = List.of("cpu", "ram", "disk", "gpu");

    private final StructFactory factory;

    public TaskHelpers(StructFactory factory) {
        this.factory = requireNonNull(factory, "factory is null");
    }

    public Struct combine(Object... tasks) {
        return merge("Tasks.combine", tasks, false);
    }

    public Struct concat(Object... tasks) {
        return merge("Tasks.concat", tasks, true);
    }

    private Struct merge(String verb, Object[] arguments, boolean sequential) {
        List<Struct> tasks = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] instanceof Struct task && (task.schema() == Schemas.TASK
                    || task.schema() == Schemas.SEQUENTIAL_TASK)) {
                tasks.add(task);
            } else if (!(arguments[i] instanceof Struct s && s.isInvalid())) {
                return invalid(verb, "argument " + (i + 1) + " must be a Task, got "
                        + Values.describe(arguments[i]));
            }
        }
        if (tasks.size() != arguments.length) {
            return factory.invalid();
        }
        if (tasks.isEmpty()) {
            return invalid(verb, "needs at least one Task");
        }
        List<Object> processes = new ArrayList<>();
        List<Object> constraints = new ArrayList<>();
        List<List<Struct>> groups = new ArrayList<>();
        for (Struct task : tasks) {
            List<Struct> own = processesOf(task);
            groups.add(own);
            processes.addAll(own);
            constraints.addAll(constraintsOf(task, own));
        }
        if (sequential) {
            for (int i = 0; i + 1 < groups.size(); i++) {
                for (Struct first : groups.get(i)) {
                    for (Struct then : groups.get(i + 1)) {
                        if (isFinal(first) == isFinal(then)) {
                            constraints.add(factory.build(Schemas.CONSTRAINT,
                                    Map.of("order", List.of(first.get("name"), then.get("name")))));
                        }
                    }
                }
            }
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        for (String field : RESOURCES) {
            BigDecimal total = BigDecimal.ZERO;
            for (Struct task : tasks) {
                Object value = task.get("resources") instanceof Struct r ? r.get(field) : null;
                if (!(value instanceof Number number)) {
                    return invalid(verb, "resources." + field + " of every task must be a "
                            + "number, got " + Values.describe(value));
                }
                BigDecimal amount = new BigDecimal(number.toString());
                total = sequential ? total.max(amount) : total.add(amount);
            }
            resources.put(field, field.equals("cpu") ? (Object) total.doubleValue()
                    : (Object) total.longValueExact());
        }
        long wait = 0;
        for (Struct task : tasks) {
            if (!(task.get("finalization_wait") instanceof Number number)) {
                return invalid(verb, "finalization_wait of every task must be a number");
            }
            wait = sequential ? wait + number.longValue() : Math.max(wait, number.longValue());
        }
        Struct base = tasks.get(tasks.size() - 1);
        Map<String, Object> fields = new LinkedHashMap<>(base.values());
        fields.put("processes", processes);
        fields.put("constraints", constraints);
        fields.put("resources", factory.build(Schemas.RESOURCES, resources));
        fields.put("finalization_wait", wait);
        return factory.build(Schemas.TASK, fields);
    }

    private static List<Struct> processesOf(Struct task) {
        List<Struct> processes = new ArrayList<>();
        if (task.get("processes") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Struct process) {
                    processes.add(process);
                }
            }
        }
        return processes;
    }

    /** A SequentialTask's order is implicit; written out, it survives the merge. */
    private List<Object> constraintsOf(Struct task, List<Struct> processes) {
        List<Object> constraints = new ArrayList<>();
        if (task.schema() == Schemas.SEQUENTIAL_TASK && processes.size() > 1) {
            constraints.add(factory.build(Schemas.CONSTRAINT, Map.of("order",
                    processes.stream().map(p -> p.get("name")).toList())));
        } else if (task.get("constraints") instanceof List<?> list) {
            constraints.addAll(list);
        }
        return constraints;
    }

    private static boolean isFinal(Struct process) {
        return Boolean.TRUE.equals(process.get("final"));
    }

    private Struct invalid(String verb, String message) {
        factory.diagnostics().error(factory.callerLocation(), verb, message);
        return factory.invalid();
    }
}
