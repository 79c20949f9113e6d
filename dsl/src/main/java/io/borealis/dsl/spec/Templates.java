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
 * Resolves {@code {{name}}} references in the strings of one job against a scope of known values
 * (the job's own {@code role}, {@code environment}, {@code cluster}, {@code name},
 * {@code task.name}, and the client's {@code --bind} values).
 *
 * <p>References only the executor can know ({@code thermos.*}, {@code mesos.*}) are kept as they
 * are; each {@code {{thermos.ports[NAME]}}} seen is remembered, because using it is what requests
 * the port. Any other reference left unresolved is returned to the caller to report. One instance
 * per job; not thread-safe.
 */
public final class Templates {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final Pattern PORT = Pattern.compile("thermos\\.ports\\[\\s*([^\\[\\]]+?)\\s*]");

    private final Map<String, String> scope;
    private final Set<String> ports = new LinkedHashSet<>();

    public Templates(Map<String, String> scope) {
        this.scope = Map.copyOf(requireNonNull(scope, "scope is null"));
    }

    /** The outcome of resolving one string. */
    public record Resolved(String text, List<String> unresolved) {
        public Resolved {
            requireNonNull(text, "text is null");
            unresolved = List.copyOf(unresolved);
        }
    }

    public Resolved resolve(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        List<String> unresolved = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (scope.containsKey(name)) {
                replacement = scope.get(name);
            } else {
                if (isExecutorReference(name)) {
                    Matcher port = PORT.matcher(name);
                    if (port.matches()) {
                        ports.add(port.group(1));
                    }
                } else {
                    unresolved.add("{{" + name + "}}");
                }
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return new Resolved(out.toString(), unresolved);
    }

    /** The port names requested so far through {@code {{thermos.ports[NAME]}}}, in first-use order. */
    public Set<String> ports() {
        return Collections.unmodifiableSet(ports);
    }

    private static boolean isExecutorReference(String name) {
        return name.startsWith("thermos.") || name.startsWith("mesos.");
    }
}
