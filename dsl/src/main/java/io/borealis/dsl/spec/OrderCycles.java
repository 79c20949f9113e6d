package io.borealis.dsl.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds a cycle among order constraints, where each list says "each runs before the next". */
final class OrderCycles {
    private OrderCycles() {}

    /** The first cycle found, written {@code a -> b -> a}, or empty when the order is a DAG. */
    static Optional<String> find(List<List<String>> chains) {
        Map<String, Set<String>> next = new HashMap<>();
        for (List<String> chain : chains) {
            for (int i = 0; i + 1 < chain.size(); i++) {
                next.computeIfAbsent(chain.get(i), k -> new LinkedHashSet<>()).add(chain.get(i + 1));
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
}
