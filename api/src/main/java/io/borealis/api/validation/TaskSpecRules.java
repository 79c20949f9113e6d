package io.borealis.api.validation;

import io.borealis.api.model.Process;
import io.borealis.api.model.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a Thermos task (aurora-features §1.2, §1.3, §4.2): process names valid and
 * unique, commands present, limits not negative, and a valid plan: order constraints name known
 * processes, form no cycle, make nothing wait for a daemon, make no regular process wait for an
 * ephemeral one, and never mix final with regular processes. Stateless.
 */
final class TaskSpecRules {
    private static final Pattern PROCESS_NAME = Pattern.compile("[^./][^/]*");

    private TaskSpecRules() {}

    /** Adds every problem of {@code task} to {@code problems}, under the path {@code task}. */
    static void check(TaskSpec task, List<Problem> problems) {
        if (task.name().isBlank()) {
            problems.add(new Problem("task.name", "must not be blank"));
        }
        notNegative("task.maxFailures", task.maxFailures(), problems);
        notNegative("task.maxConcurrency", task.maxConcurrency(), problems);
        notNegative("task.finalizationWaitSecs", task.finalizationWaitSecs(), problems);
        Map<String, Process> byName = processes(task.processes(), problems);
        List<List<String>> valid = new ArrayList<>();
        for (int i = 0; i < task.orderConstraints().size(); i++) {
            List<String> chain = task.orderConstraints().get(i);
            String path = "task.orderConstraints[" + i + "]";
            Optional<String> unknown = chain.stream().filter(n -> !byName.containsKey(n))
                    .findFirst();
            if (unknown.isPresent()) {
                problems.add(new Problem(path, "names unknown process '" + unknown.get() + "'."
                        + Suggestions.didYouMean(unknown.get(), byName.keySet())));
                continue;
            }
            valid.add(chain);
            plan(chain, byName, path, problems);
        }
        cycle(valid).ifPresent(cycle -> problems.add(new Problem("task.orderConstraints",
                "form a cycle: " + cycle)));
    }

    private static Map<String, Process> processes(List<Process> processes,
            List<Problem> problems) {
        if (processes.isEmpty()) {
            problems.add(new Problem("task.processes", "must not be empty"));
        }
        Map<String, Process> byName = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            String path = "task.processes[" + i + "]";
            if (process.name().isBlank()) {
                problems.add(new Problem(path + ".name", "must not be blank"));
            } else if (!PROCESS_NAME.matcher(process.name()).matches()) {
                problems.add(new Problem(path + ".name", "'" + process.name()
                        + "' is not a valid process name: no '/', and no '.' at the start"));
            } else if (index.containsKey(process.name())) {
                problems.add(new Problem(path + ".name", "'" + process.name()
                        + "' is used more than once (also processes[" + index.get(process.name())
                        + "])"));
            } else {
                index.put(process.name(), i);
                byName.put(process.name(), process);
            }
            if (process.cmdline().isBlank()) {
                problems.add(new Problem(path + ".cmdline", "must not be blank"));
            }
            notNegative(path + ".maxFailures", process.maxFailures(), problems);
            notNegative(path + ".minDurationSecs", process.minDurationSecs(), problems);
        }
        return byName;
    }

    /** Each process of a chain waits for the one before it. */
    private static void plan(List<String> chain, Map<String, Process> byName, String path,
            List<Problem> problems) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            Process before = byName.get(chain.get(i));
            Process after = byName.get(chain.get(i + 1));
            if (before.daemon()) {
                problems.add(new Problem(path, "makes '" + after.name() + "' wait for daemon '"
                        + before.name() + "': nothing may depend on a daemon"));
            }
            if (before.ephemeral() && !after.ephemeral()) {
                problems.add(new Problem(path, "makes '" + after.name()
                        + "' wait for ephemeral '" + before.name()
                        + "': a non-ephemeral process may not depend on an ephemeral one"));
            }
        }
        Optional<Process> fin = chain.stream().map(byName::get).filter(Process::isFinal)
                .findFirst();
        Optional<Process> regular = chain.stream().map(byName::get).filter(p -> !p.isFinal())
                .findFirst();
        if (fin.isPresent() && regular.isPresent()) {
            problems.add(new Problem(path, "mixes final and regular processes ('"
                    + fin.get().name() + "' is final, '" + regular.get().name()
                    + "' is not): order each kind separately"));
        }
    }

    /** The first cycle among the chains, written {@code a -> b -> a}, or empty. */
    static Optional<String> cycle(List<List<String>> chains) {
        Map<String, Set<String>> next = new HashMap<>();
        for (List<String> chain : chains) {
            for (int i = 0; i + 1 < chain.size(); i++) {
                next.computeIfAbsent(chain.get(i), k -> new LinkedHashSet<>())
                        .add(chain.get(i + 1));
            }
        }
        Set<String> done = new HashSet<>();
        for (String start : next.keySet().stream().sorted().toList()) {
            Optional<String> cycle = visit(start, next, new ArrayList<>(), done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> visit(String node, Map<String, Set<String>> next,
            List<String> stack, Set<String> done) {
        int at = stack.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
            cycle.add(node);
            return Optional.of(String.join(" -> ", cycle));
        }
        if (!done.add(node)) {
            return Optional.empty();
        }
        stack.add(node);
        for (String successor : next.getOrDefault(node, Set.of())) {
            Optional<String> cycle = visit(successor, next, stack, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        return Optional.empty();
    }

    static void notNegative(String path, long value, List<Problem> problems) {
        if (value < 0) {
            problems.add(new Problem(path, "must not be negative, got " + value));
        }
    }
}
