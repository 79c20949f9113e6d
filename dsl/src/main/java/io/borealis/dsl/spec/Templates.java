package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code {{name}}} references in the strings of one job. A name is looked up, in this
 * order: the client's {@code --bind} values (they override everything), the variables bound with
 * {@code .bind(...)} on the object holding the string or on an object containing it, then the
 * job's own {@code role}, {@code environment}, {@code cluster}, {@code name} and
 * {@code task.name}. A value may itself hold references; they are resolved in turn (up to
 * {@value #MAX_ROUNDS} rounds, like Pystachio's iterative evaluation).
 *
 * <p>References only the executor can know ({@code thermos.*}, {@code mesos.*}) are kept as they
 * are; each {@code {{thermos.ports[NAME]}}} seen is remembered, because using it is what requests
 * the port. Any other reference left unresolved is returned to the caller to report. One instance
 * per job; not thread-safe.
 */
public final class Templates {
    static final int MAX_ROUNDS = 10;
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final Pattern PORT = Pattern.compile("thermos\\.ports\\[\\s*([^\\[\\]]+?)\\s*]");

    private final Map<String, String> overrides;
    private final Map<String, String> jobScope;
    private final Set<String> ports = new LinkedHashSet<>();

    /**
     * @param overrides the client's {@code --bind NAME=VALUE}s
     * @param jobScope the job's own attributes, by name
     */
    public Templates(Map<String, String> overrides, Map<String, String> jobScope) {
        this.overrides = Map.copyOf(requireNonNull(overrides, "overrides is null"));
        this.jobScope = Map.copyOf(requireNonNull(jobScope, "jobScope is null"));
    }

    /** The outcome of resolving one string. */
    public record Resolved(String text, List<String> unresolved) {
        public Resolved {
            requireNonNull(text, "text is null");
            unresolved = List.copyOf(unresolved);
        }
    }

    /** Resolves {@code text} with no {@code .bind} variables in scope. */
    public Resolved resolve(String text) {
        return resolve(text, Map.of());
    }

    /** @param bound the {@code .bind} variables of the object holding {@code text} */
    public Resolved resolve(String text, Map<String, Object> bound) {
        String current = text;
        List<String> unresolved = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            unresolved.clear();
            String next = substitute(current, bound, unresolved);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return new Resolved(current, unresolved);
    }

    private String substitute(String text, Map<String, Object> bound, List<String> unresolved) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = lookup(name, bound);
            if (replacement == null) {
                if (isExecutorReference(name)) {
                    Matcher port = PORT.matcher(name);
                    if (port.matches()) {
                        ports.add(port.group(1));
                    }
                } else if (!unresolved.contains("{{" + name + "}}")) {
                    unresolved.add("{{" + name + "}}");
                }
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String lookup(String name, Map<String, Object> bound) {
        if (overrides.containsKey(name)) {
            return overrides.get(name);
        }
        if (bound.containsKey(name) && bound.get(name) != null) {
            return String.valueOf(bound.get(name));
        }
        return jobScope.get(name);
    }

    /** The port names requested so far through {@code {{thermos.ports[NAME]}}}, in first-use order. */
    public Set<String> ports() {
        return Collections.unmodifiableSet(ports);
    }

    private static boolean isExecutorReference(String name) {
        return name.startsWith("thermos.") || name.startsWith("mesos.");
    }
}
