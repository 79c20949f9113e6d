package io.borealis.scheduler.scheduling;

import io.borealis.api.model.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The words of a pending reason. One veto shared by every agent reads as Aurora's veto
 * ({@code Insufficient: RAM}); several read most common first, each with how many agents gave it
 * ({@code Insufficient: RAM on 3 agents; Limit not satisfied: host on 2 agents}). A constraint on
 * an attribute no agent has says so. Stateless.
 */
final class PendingReasonText {
    static final String NO_AGENTS = "No agents registered";

    private PendingReasonText() {}

    /**
     * @param tally how many agents gave each veto
     * @param known whether some agent has an attribute of this name
     */
    static String of(Map<Veto, Integer> tally, Predicate<String> known) {
        if (tally.isEmpty()) {
            return "No agent can take it now";
        }
        List<Map.Entry<Veto, Integer>> entries = new ArrayList<>(tally.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<Veto, Integer> e) -> -e.getValue())
                .thenComparing(e -> e.getKey().kind())
                .thenComparing(e -> e.getKey().text()));
        if (entries.size() == 1) {
            return text(entries.get(0).getKey(), known);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Veto, Integer> entry : entries) {
            int agents = entry.getValue();
            parts.add(text(entry.getKey(), known) + " on " + agents
                    + (agents == 1 ? " agent" : " agents"));
        }
        return String.join("; ", parts);
    }

    private static String text(Veto veto, Predicate<String> known) {
        if (veto.kind() == Veto.Kind.CONSTRAINT || veto.kind() == Veto.Kind.LIMIT) {
            String attribute = veto.text().substring(veto.text().indexOf(": ") + 2);
            if (!known.test(attribute)) {
                return veto.text() + " (no agent has attribute '" + attribute + "')";
            }
        }
        return veto.text();
    }

    /**
     * What the group asks for beyond the largest agent, as
     * {@code Insufficient: RAM (asks 65536 MB; the largest agent offers 24000 MB)}; null when
     * the largest agents could hold it.
     */
    static @Nullable String tooBig(TaskGroup group, Cluster cluster) {
        Resources need = group.need;
        List<String> parts = new ArrayList<>();
        if (need.cpu() > cluster.largestCpu + 1e-9) {
            parts.add(over("CPU", number(need.cpu()) + " cpus", number(cluster.largestCpu)));
        }
        if (need.ramMb() > cluster.largestRamMb) {
            parts.add(over("RAM", need.ramMb() + " MB", cluster.largestRamMb + " MB"));
        }
        if (need.diskMb() > cluster.largestDiskMb) {
            parts.add(over("DISK", need.diskMb() + " MB", cluster.largestDiskMb + " MB"));
        }
        if (need.gpu() > cluster.largestGpu) {
            parts.add(over("GPU", need.gpu() + " GPUs", String.valueOf(cluster.largestGpu)));
        }
        if (group.ports > cluster.largestPorts) {
            parts.add(over("PORTS", group.ports + " ports", String.valueOf(cluster.largestPorts)));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** The reason of a task whose agent is held for it while its victims stop. */
    static String waitingForPreemption(String host) {
        return "Waiting for preempted tasks to end on " + host + " (held for this task)";
    }

    private static String over(String resource, String asked, String largest) {
        return "Insufficient: " + resource + " (asks " + asked + "; the largest agent offers "
                + largest + ")";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.valueOf(value);
    }
}
