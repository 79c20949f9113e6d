package io.borealis.api.validation;

import io.borealis.api.model.SlaPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a host maintenance request may name: between 1 and {@link #MAX_HOSTS} host names, each a
 * DNS-style name or address of at most {@link #MAX_HOST_LENGTH} characters (letters, digits,
 * {@code . - _}, starting and ending with a letter or digit), so no path characters, spaces or
 * control characters; and a default SLA policy by the job rules. {@code borealis-admin} checks a
 * request before sending it and the scheduler again before storing anything. Pure; thread-safe.
 */
public final class MaintenanceRules {
    /** Most hosts one request may name. */
    public static final int MAX_HOSTS = 1_000;
    /** Longest host name (DNS: 253). */
    public static final int MAX_HOST_LENGTH = 253;
    /** Longest drain timeout: ten years (Aurora's admin default is 7 days). */
    public static final long MAX_DRAIN_TIMEOUT_SECS = 10L * 365 * 24 * 3600;
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final int SHOWN = 40;

    private MaintenanceRules() {}

    /** Every problem of a list of host names ({@code hosts must ...}); empty when valid. */
    public static List<Problem> hostProblems(Collection<String> hosts) {
        List<Problem> problems = new ArrayList<>();
        if (hosts == null || hosts.isEmpty()) {
            problems.add(new Problem("hosts", "must name at least one host"));
            return problems;
        }
        if (hosts.size() > MAX_HOSTS) {
            problems.add(new Problem("hosts", "must name at most " + MAX_HOSTS + " hosts, got "
                    + hosts.size()));
            return problems;
        }
        for (String host : hosts) {
            String problem = hostProblem(host);
            if (problem != null) {
                problems.add(new Problem("hosts", problem));
            }
        }
        return problems;
    }

    /** What is wrong with one host name, or null when it is a valid one. */
    public static String hostProblem(String host) {
        if (host == null || host.isEmpty()) {
            return "must not contain an empty host name";
        }
        if (host.length() > MAX_HOST_LENGTH) {
            return "host name " + quote(host) + " is longer than " + MAX_HOST_LENGTH
                    + " characters";
        }
        if (!HOST.matcher(host).matches() || host.contains("..")) {
            return "host name " + quote(host) + " is not a host name (letters, digits, '.', "
                    + "'-' and '_', starting and ending with a letter or digit)";
        }
        return null;
    }

    /** Every problem of a default SLA policy, by the rules of a job's own policy. */
    public static List<Problem> slaPolicyProblems(SlaPolicy policy) {
        List<Problem> problems = new ArrayList<>();
        SettingsRules.slaPolicy(policy, problems);
        return problems;
    }

    /** The name quoted, cut short and with control characters shown as {@code ?}. */
    private static String quote(String host) {
        String shown = host.length() > SHOWN ? host.substring(0, SHOWN) + "..." : host;
        StringBuilder out = new StringBuilder("'");
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.append('\'').toString();
    }
}
