package io.borealis.dsl.spec;

import static io.borealis.dsl.spec.Units.MB;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.HealthCheckConfig;
import io.borealis.api.model.HttpLifecycleConfig;
import io.borealis.api.model.Logger;
import io.borealis.api.model.LoggerDestination;
import io.borealis.api.model.LoggerMode;
import io.borealis.api.model.Process;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@code Task} or {@code SequentialTask} struct into the executor's {@link TaskSpec} and
 * the task's {@link Resources}: processes, order constraints, failure limits, each read with
 * its type. Returns null when the task has a problem; every problem is reported.
 */
final class TaskBuilder {
    private final Values values;

    TaskBuilder(Values values) {
        this.values = requireNonNull(values, "values is null");
    }

    /** What a task contributes to a job's configuration. */
    record TaskParts(TaskSpec spec, Resources resources) {}

    /** The task's name: as set, else its first process's name (Aurora's default). */
    String name(Struct task, String path) {
        if (task.isSet("name")) {
            return values.string(task, "name", path + ".name");
        }
        Object processes = task.get("processes");
        if (processes instanceof List<?> list && !list.isEmpty()
                && list.get(0) instanceof Struct first && first.schema() == Schemas.PROCESS
                && first.get("name") instanceof CharSequence name) {
            return values.resolved(first.inherit(task.bindings()), name.toString(),
                    path + ".processes[0].name");
        }
        return null;
    }

    /**
     * Reads the task's parts; returns null when the task has a problem (already reported). The
     * rules over the finished model (unique and valid process names, order constraints naming
     * known processes without cycles, the Thermos plan rules) are
     * {@code io.borealis.api.validation}'s; {@code paths} learns where each part was written so
     * that their problems point at the right line.
     */
    TaskParts build(Struct task, String path, String taskName, HealthCheckConfig healthCheck,
            HttpLifecycleConfig lifecycle, ModelPaths paths) {
        long before = values.errorCount();
        paths.record("task", path, task.location());
        List<Process> processes = processes(task, path, paths);
        List<List<String>> order = order(task, path, processes, paths);
        Resources resources = resources(task, path + ".resources", paths);
        Integer maxFailures = nonNegative(task, "max_failures", path);
        Integer maxConcurrency = nonNegative(task, "max_concurrency", path);
        Integer finalizationWait = nonNegative(task, "finalization_wait", path);
        if (values.errorCount() > before || taskName == null) {
            return null;
        }
        TaskSpec spec = new TaskSpec(taskName, processes, order, maxFailures, maxConcurrency,
                finalizationWait, healthCheck, lifecycle);
        return new TaskParts(spec, resources);
    }

    private List<Process> processes(Struct task, String path, ModelPaths paths) {
        List<?> items = values.list(task, "processes", path + ".processes");
        List<Process> processes = new ArrayList<>();
        if (items == null) {
            return processes;
        }
        if (items.isEmpty()) {
            values.error(task.location(), path + ".processes", "is empty; a task needs at least "
                    + "one Process");
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + ".processes[" + i + "]";
            Struct struct = values.structValue(items.get(i), task.location(), itemPath,
                    Schemas.PROCESS);
            if (struct == null) {
                continue;
            }
            paths.record("task.processes[" + processes.size() + "]", itemPath,
                    struct.location());
            Process process = process(struct, itemPath);
            if (process != null) {
                processes.add(process);
            }
        }
        return processes;
    }

    private Process process(Struct p, String path) {
        String name = values.string(p, "name", path + ".name");
        String cmdline = values.string(p, "cmdline", path + ".cmdline");
        Integer maxFailures = nonNegative(p, "max_failures", path);
        Boolean daemon = values.bool(p, "daemon", path + ".daemon");
        Boolean ephemeral = values.bool(p, "ephemeral", path + ".ephemeral");
        Integer minDuration = nonNegative(p, "min_duration", path);
        Boolean isFinal = values.bool(p, "final", path + ".final");
        Logger logger = logger(p, path + ".logger");
        if (anyNull(name, cmdline, maxFailures, daemon, ephemeral, minDuration, isFinal, logger)) {
            return null;
        }
        return new Process(name, cmdline, maxFailures, daemon, ephemeral, minDuration, isFinal,
                logger);
    }

    private Logger logger(Struct process, String path) {
        Struct logger = values.struct(process, "logger", path, Schemas.LOGGER);
        if (logger == null) {
            return null;
        }
        LoggerDestination destination = values.enumValue(logger, "destination",
                path + ".destination", LoggerDestination.class);
        LoggerMode mode = values.enumValue(logger, "mode", path + ".mode", LoggerMode.class);
        Struct rotate = values.struct(logger, "rotate", path + ".rotate", Schemas.ROTATE_POLICY);
        if (rotate == null) {
            return null;
        }
        Long logSize = values.longValue(rotate, "log_size", path + ".rotate.log_size");
        Integer backups = values.integer(rotate, "backups", path + ".rotate.backups");
        if (anyNull(destination, mode, logSize, backups)) {
            return null;
        }
        return new Logger(destination, mode, logSize, backups);
    }

    private List<List<String>> order(Struct task, String path, List<Process> processes,
            ModelPaths paths) {
        List<String> names = processes.stream().map(Process::name).toList();
        List<List<String>> order = new ArrayList<>();
        List<?> constraints = values.list(task, "constraints", path + ".constraints");
        if (task.schema() == Schemas.SEQUENTIAL_TASK) {
            // Its one order is implicit: problems with it belong to the task itself.
            paths.record("task.orderConstraints", path, task.location());
            paths.record("task.orderConstraints[0]", path, task.location());
            if (constraints != null && !constraints.isEmpty()) {
                values.error(task.location(), path + ".constraints", "a SequentialTask orders its "
                        + "processes itself; use Task(...) to give constraints");
            }
            if (names.size() > 1) {
                order.add(names);
            }
            return order;
        }
        paths.record("task.orderConstraints", path + ".constraints", task.location());
        for (int i = 0; constraints != null && i < constraints.size(); i++) {
            String itemPath = path + ".constraints[" + i + "]";
            Struct constraint = values.structValue(constraints.get(i), task.location(), itemPath,
                    Schemas.CONSTRAINT);
            List<String> chain = constraint == null ? null
                    : chain(constraint, itemPath + ".order");
            if (chain != null) {
                paths.record("task.orderConstraints[" + order.size() + "]", itemPath + ".order",
                        constraint.location());
                order.add(chain);
            }
        }
        return order;
    }

    private List<String> chain(Struct constraint, String path) {
        List<?> items = values.list(constraint, "order", path);
        if (items == null) {
            return null;
        }
        List<String> chain = new ArrayList<>();
        for (Object item : items) {
            String name = item instanceof Struct p && p.schema() == Schemas.PROCESS
                    ? String.valueOf(p.get("name")) : String.valueOf(item);
            chain.add(name);
        }
        return chain;
    }

    private Resources resources(Struct task, String path, ModelPaths paths) {
        Struct resources = values.struct(task, "resources", path, Schemas.RESOURCES);
        if (resources == null) {
            return null;
        }
        paths.record("resources", path, resources.location());
        Double cpu = values.number(resources, "cpu", path + ".cpu");
        if (cpu != null && !(cpu > 0)) {
            values.error(resources.location(), path + ".cpu", "must be greater than 0, got " + cpu);
        }
        Long ramMb = megabytes(resources, "ram", path + ".ram");
        Long diskMb = megabytes(resources, "disk", path + ".disk");
        Integer gpu = nonNegative(resources, "gpu", path);
        if (anyNull(cpu, ramMb, diskMb, gpu)) {
            return null;
        }
        return new Resources(cpu, ramMb, diskMb, gpu);
    }

    /** A byte count converted to whole megabytes, which must come to at least 1. */
    private Long megabytes(Struct resources, String field, String path) {
        Long bytes = values.longValue(resources, field, path);
        if (bytes == null) {
            return null;
        }
        if (bytes <= 0) {
            values.error(resources.location(), path, "must be greater than 0, got " + bytes);
            return null;
        }
        if (bytes < MB) {
            values.error(resources.location(), path, "must be at least 1*MB (" + MB
                    + " bytes), got " + bytes);
            return null;
        }
        return bytes / MB;
    }

    private Integer nonNegative(Struct struct, String field, String path) {
        Integer value = values.integer(struct, field, path + "." + field);
        if (value != null && value < 0) {
            values.error(struct.location(), path + "." + field, "must not be negative, got "
                    + value);
            return null;
        }
        return value;
    }

    static boolean anyNull(Object... parts) {
        for (Object part : parts) {
            if (Objects.isNull(part)) {
                return true;
            }
        }
        return false;
    }
}
