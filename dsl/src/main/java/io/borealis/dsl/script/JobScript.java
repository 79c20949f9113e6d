package io.borealis.dsl.script;

import groovy.lang.Closure;
import groovy.lang.Script;
import io.borealis.dsl.spec.Schema;
import io.borealis.dsl.spec.Schemas;
import io.borealis.dsl.spec.Struct;
import io.borealis.dsl.spec.StructFactory;
import io.borealis.dsl.diagnostic.SourceLocation;
import io.borealis.api.validation.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The base class of every job file: its top-level verbs. Each schema object of {@link Schemas}
 * is called with named arguments ({@code Process(name: 'x', cmdline: '...')}); {@code order(...)}
 * builds an order constraint; {@code SimpleTask(name, command)} a one-process task.
 *
 * <p>An unknown verb is reported with a "did you mean" and yields a stand-in value, so that the
 * rest of the file is still checked. Called only by the file's own code, on the evaluating
 * thread; {@link JobFileEvaluator} attaches the {@link StructFactory} before running it.
 */
public abstract class JobScript extends Script {
    private static final Set<String> FUNCTIONS = Set.of("order", "SimpleTask", "Mode");

    private StructFactory factory;

    void attach(StructFactory structFactory) {
        this.factory = structFactory;
    }

    /**
     * {@code order(a, b, c)}: a list holding one {@code Constraint(order: [...])}; takes processes
     * or their names, so that {@code order(a, b) + order(c, d)} also works.
     */
    public List<Struct> order(Object... processes) {
        List<Object> names = new ArrayList<>();
        for (Object process : processes) {
            names.add(process instanceof Struct s && s.schema() == Schemas.PROCESS
                    ? s.get("name") : process);
        }
        return List.of(factory.create(Schemas.CONSTRAINT, Map.of("order", names)));
    }

    /** {@code SimpleTask('name', 'command')}: one process, 1 cpu, 1 GB of ram and of disk. */
    public Struct SimpleTask(String name, String command) {
        Struct process = factory.create(Schemas.PROCESS, Map.of("name", name, "cmdline", command));
        Struct resources = factory.create(Schemas.RESOURCES,
                Map.of("cpu", 1.0, "ram", 1024 * io.borealis.dsl.spec.Units.MB,
                        "disk", 1024 * io.borealis.dsl.spec.Units.MB));
        return factory.create(Schemas.TASK,
                Map.of("name", name, "processes", List.of(process), "resources", resources));
    }

    /** {@code Mode('RO')} of a Volume: Aurora's enum, here simply its name. */
    public String Mode(String mode) {
        return mode;
    }

    /**
     * Every schema object, called by name; a struct held in a script variable, called to copy it;
     * anything else is reported as unknown.
     */
    public Object methodMissing(String name, Object args) {
        Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
        Object variable = getBinding().hasVariable(name) ? getBinding().getVariable(name) : null;
        if (variable instanceof Struct struct) {
            return arguments.length == 0 ? struct.call() : struct.call(namedArguments(name,
                    arguments));
        }
        if (variable instanceof Closure<?> closure) {
            return closure.call(withoutLine(arguments));
        }
        Schema schema = Schemas.byName(name).orElse(null);
        if (schema != null) {
            return factory.create(schema, namedArguments(name, arguments));
        }
        Set<String> known = new TreeSet<>(Schemas.names());
        known.addAll(FUNCTIONS);
        boolean looksLikeObject = Character.isUpperCase(name.charAt(0));
        SourceLocation where = arguments.length == 1 && arguments[0] instanceof Map<?, ?> named
                ? factory.location(named) : factory.callerLocation();
        factory.diagnostics().error(where, name,
                (looksLikeObject ? "unknown schema object." : "unknown function.")
                        + Suggestions.didYouMean(name, known));
        return factory.invalid();
    }

    /** A closure the file defined gets its named arguments as written, without the line. */
    private static Object[] withoutLine(Object[] arguments) {
        if (arguments.length == 1 && arguments[0] instanceof Map<?, ?> map
                && map.containsKey(StructFactory.LINE_KEY)) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>(map);
            copy.remove(StructFactory.LINE_KEY);
            return new Object[] {copy};
        }
        return arguments;
    }

    private Map<?, ?> namedArguments(String name, Object[] arguments) {
        if (arguments.length == 1 && arguments[0] instanceof Map<?, ?> map) {
            return map;
        }
        if (arguments.length == 0) {
            return Map.of();
        }
        factory.diagnostics().error(factory.callerLocation(), name,
                "takes named arguments, e.g. " + name + "(name: 'x')");
        return Map.of();
    }
}
