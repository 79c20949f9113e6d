package io.borealis.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ports of a task under its announcer's {@code portmap} (Aurora's Announcer): an entry names
 * either another port of the task, an <em>alias</em> ({@code [admin: 'http']}: the port of
 * {@code admin} is the port of {@code http}), or a static port number ({@code [http: 80]}).
 *
 * <p>One home for these rules: the DSL asks which names the scheduler must allocate
 * ({@link #requested}) and what is wrong with a portmap ({@link #problems}); the executor asks
 * which number each name of the task stands for ({@link #resolve}). The scheduler only ever
 * sees, and allocates, real port names. Stateless; every method is a pure function.
 */
public final class PortAliases {
    private PortAliases() {}

    /**
     * The port names a task asks the scheduler for: each name it uses ({@code
     * {{thermos.ports[NAME]}}} references and the primary port), with aliases replaced by the
     * name they end at and static ports left out, in first-use order. A portmap with problems
     * ({@link #problems}) gives an unspecified but finite answer.
     *
     * @param used the port names the task uses, in first-use order
     * @param announce the job's announcer; null for none
     */
    public static Set<String> requested(Set<String> used, Announcer announce) {
        Map<String, String> portmap = portmap(announce);
        Set<String> requested = new LinkedHashSet<>();
        for (String name : used) {
            String target = follow(name, portmap, new ArrayList<>());
            if (target != null && !isNumber(target)) {
                requested.add(target);
            }
        }
        return requested;
    }

    /**
     * What is wrong with {@code announce}'s portmap, one message per problem: a cycle of
     * aliases, an alias to a port the task never asks for (a typo, usually), a number that is
     * not a port.
     *
     * @param used the port names the task uses ({@code {{thermos.ports[NAME]}}} and the primary
     *     port)
     */
    public static List<String> problems(Announcer announce, Set<String> used) {
        Map<String, String> portmap = portmap(announce);
        Set<String> real = new TreeSet<>(used);
        real.removeAll(portmap.keySet());
        List<String> problems = new ArrayList<>();
        Set<String> cyclesSeen = new LinkedHashSet<>();
        portmap.forEach((alias, value) -> {
            if (isNumber(value)) {
                if (staticPort(value) == null) {
                    problems.add("'" + alias + "' -> " + value + " is not a port (1-65535)");
                }
                return;
            }
            List<String> path = new ArrayList<>();
            String target = follow(alias, portmap, path);
            if (target == null) {
                List<String> cycle = path.subList(path.indexOf(path.get(path.size() - 1)),
                        path.size());
                if (cyclesSeen.add(new TreeSet<>(cycle).toString())) {
                    problems.add("aliases form a cycle: " + String.join(" -> ", cycle));
                }
            } else if (!isNumber(target) && !real.contains(target)) {
                problems.add("alias '" + alias + "' names port '" + value + "'"
                        + (target.equals(value) ? "" : " (which ends at '" + target + "')")
                        + ", which the task never asks for (ports it uses: " + real + ")");
            }
        });
        return problems;
    }

    /**
     * Every port name of a task with its number: the ports the scheduler assigned, each alias
     * with the number of the port it ends at (even when an older client had a port assigned to
     * the alias itself), each static entry with its number. Aliases that end nowhere (a cycle,
     * an unassigned port) are left out, so that a reference to them fails as an unknown port.
     */
    public static Map<String, Integer> resolve(Map<String, Integer> assigned, Announcer announce) {
        Map<String, String> portmap = portmap(announce);
        Map<String, Integer> ports = new LinkedHashMap<>(assigned);
        for (String alias : portmap.keySet()) {
            String target = follow(alias, portmap, new ArrayList<>());
            Integer port = target == null ? null
                    : staticPort(target) != null ? staticPort(target) : assigned.get(target);
            if (port != null) {
                ports.put(alias, port);
            } else {
                ports.remove(alias);
            }
        }
        return ports;
    }

    /**
     * Follows {@code name} through the portmap to the name (or number) it ends at; null on a
     * cycle. {@code path} receives every name visited, the repeated one last.
     */
    private static String follow(String name, Map<String, String> portmap, List<String> path) {
        String current = name;
        Set<String> seen = new LinkedHashSet<>();
        while (true) {
            path.add(current);
            if (!seen.add(current)) {
                return null;
            }
            String next = portmap.get(current);
            if (next == null || isNumber(current)) {
                return current;
            }
            current = next;
        }
    }

    private static Map<String, String> portmap(Announcer announce) {
        return announce == null ? Map.of() : announce.portmap();
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }

    /** The static port {@code value} names, or null when it is no number from 1 to 65535. */
    private static Integer staticPort(String value) {
        if (value == null || !isNumber(value) || value.length() > 5) {
            return null;
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535 ? port : null;
    }
}
