package io.borealis.executor.graph;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Process;
import io.borealis.api.model.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The processes of one task and the order in which they may run (Thermos's task planner input).
 *
 * <p>An order constraint {@code [a, b, c]} means {@code b} starts only after {@code a} has
 * succeeded, and {@code c} only after {@code b}. Processes without constraints may all run at
 * once. Construction validates everything and throws {@link InvalidGraphException} naming each
 * offending process; a constructed graph is always runnable. Immutable and thread-safe.
 *
 * @param processes every process by name, in declaration order
 * @param predecessors for each process, the processes it directly waits for (possibly none)
 */
public record ProcessGraph(Map<String, Process> processes, Map<String, Set<String>> predecessors) {
    private static final Pattern NAME = Pattern.compile("[^./][^/]*");

    /** Checks that every edge names known processes and that the edges form no cycle. */
    public ProcessGraph {
        requireNonNull(processes, "processes is null");
        requireNonNull(predecessors, "predecessors is null");
        processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        processes.keySet().forEach(name -> copy.put(name, Set.of()));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : predecessors.entrySet()) {
            for (String name : concat(entry.getKey(), entry.getValue())) {
                if (!processes.containsKey(name)) {
                    problems.add("order names unknown process '" + name + "'");
                }
            }
            copy.put(entry.getKey(), Set.copyOf(entry.getValue()));
        }
        if (problems.isEmpty()) {
            findCycle(copy).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        predecessors = Collections.unmodifiableMap(copy);
    }

    private static List<String> concat(String name, Set<String> others) {
        List<String> all = new ArrayList<>(others);
        all.add(0, name);
        return all;
    }

    /**
     * Builds the graph of {@code spec}, applying Thermos's rules as well.
     *
     * @throws InvalidGraphException listing every problem, each naming its processes
     */
    public static ProcessGraph of(TaskSpec spec) {
        requireNonNull(spec, "spec is null");
        List<String> problems = new ArrayList<>();
        Map<String, Process> processes = new LinkedHashMap<>();
        for (Process process : spec.processes()) {
            if (!NAME.matcher(process.name()).matches()) {
                problems.add("process name '" + process.name()
                        + "' must not be empty, contain '/' or start with '.'");
            }
            if (processes.putIfAbsent(process.name(), process) != null) {
                problems.add("process '" + process.name() + "' is declared more than once");
            }
        }
        if (processes.isEmpty()) {
            problems.add("task '" + spec.name() + "' has no processes");
        }
        Map<String, Set<String>> predecessors = new LinkedHashMap<>();
        processes.keySet().forEach(name -> predecessors.put(name, new LinkedHashSet<>()));
        for (List<String> order : spec.orderConstraints()) {
            addConstraint(order, processes, predecessors, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        return new ProcessGraph(processes, predecessors);
    }

    private static void addConstraint(List<String> order, Map<String, Process> processes,
            Map<String, Set<String>> predecessors, List<String> problems) {
        List<String> unknown = order.stream().filter(n -> !processes.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            unknown.forEach(n -> problems.add("order constraint " + order
                    + " names unknown process '" + n + "'"));
            return;
        }
        long finals = order.stream().filter(n -> processes.get(n).isFinal()).count();
        if (finals != 0 && finals != order.size()) {
            problems.add("order constraint " + order + " mixes final and regular processes");
            return;
        }
        for (int i = 1; i < order.size(); i++) {
            Process before = processes.get(order.get(i - 1));
            Process after = processes.get(order.get(i));
            if (before.daemon()) {
                problems.add("process '" + after.name() + "' cannot run after daemon process '"
                        + before.name() + "': a daemon never finishes");
            } else if (before.ephemeral() && !after.ephemeral()) {
                problems.add("process '" + after.name()
                        + "' cannot run after ephemeral process '" + before.name() + "'");
            } else if (before.name().equals(after.name())) {
                problems.add("order constraint " + order + " names process '" + after.name()
                        + "' twice in a row");
            } else {
                predecessors.get(after.name()).add(before.name());
            }
        }
    }

    /** Depth-first search; returns the first cycle as {@code a -> b -> a}. */
    private static Optional<String> findCycle(Map<String, Set<String>> predecessors) {
        Map<String, Integer> mark = new LinkedHashMap<>();
        for (String start : predecessors.keySet()) {
            List<String> path = new ArrayList<>();
            String cycle = visit(start, predecessors, mark, path);
            if (cycle != null) {
                return Optional.of("order constraints form a cycle: " + cycle);
            }
        }
        return Optional.empty();
    }

    private static String visit(String node, Map<String, Set<String>> predecessors,
            Map<String, Integer> mark, List<String> path) {
        Integer state = mark.get(node);
        if (state != null && state == 2) {
            return null;
        }
        if (state != null && state == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            Collections.reverse(cycle);
            return String.join(" -> ", cycle);
        }
        mark.put(node, 1);
        path.add(node);
        for (String before : predecessors.get(node)) {
            String cycle = visit(before, predecessors, mark, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        mark.put(node, 2);
        return null;
    }

    /** The process called {@code name}; throws if there is none. */
    public Process process(String name) {
        Process process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process named '" + name + "'");
        }
        return process;
    }

    /** The processes {@code name} waits for directly. */
    public Set<String> predecessorsOf(String name) {
        return predecessors.getOrDefault(name, Set.of());
    }

    /** The regular (non-final) processes, in declaration order. */
    public List<Process> regular() {
        return processes.values().stream().filter(p -> !p.isFinal()).toList();
    }

    /** The final processes, in declaration order. */
    public List<Process> finals() {
        return processes.values().stream().filter(Process::isFinal).toList();
    }
}
