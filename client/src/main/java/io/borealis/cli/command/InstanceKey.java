package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Some instances of a job: {@code CLUSTER/ROLE/ENV/NAME/INSTANCES}, INSTANCES being ids and
 * ranges such as {@code 0}, {@code 0,2,5}, {@code 1-3} or {@code 0-2,7}.
 */
public record InstanceKey(ClusterJobKey job, SortedSet<Integer> instances) {
    private static final int MAX_RANGE = 100_000;

    public InstanceKey {
        requireNonNull(job, "job is null");
        instances = Collections.unmodifiableSortedSet(new TreeSet<>(instances));
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no instances given");
        }
    }

    public static InstanceKey parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0 || text.chars().filter(c -> c == '/').count() != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an instance key of the form "
                    + "CLUSTER/ROLE/ENV/NAME/INSTANCES (e.g. devcluster/www-data/prod/hello/0,2-3)");
        }
        ClusterJobKey job = ClusterJobKey.parse(text.substring(0, slash));
        return new InstanceKey(job, instances(text.substring(slash + 1), text));
    }

    /**
     * Parses a list of instance ids and ranges on its own ({@code 0,2,5}, {@code 1-3}), as
     * {@code borealis-admin query --shards} takes it.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SortedSet<Integer> parseInstances(String spec) {
        return instances(spec, spec);
    }

    private static SortedSet<Integer> instances(String spec, String whole) {
        SortedSet<Integer> ids = new TreeSet<>();
        for (String part : spec.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.matches("\\d{1,9}")) {
                ids.add(Integer.parseInt(trimmed));
            } else if (trimmed.matches("\\d{1,9}-\\d{1,9}")) {
                int dash = trimmed.indexOf('-');
                int first = Integer.parseInt(trimmed.substring(0, dash));
                int last = Integer.parseInt(trimmed.substring(dash + 1));
                if (first > last || last - first > MAX_RANGE) {
                    throw new IllegalArgumentException("instance range '" + trimmed + "' in '"
                            + whole + "' must go from low to high, at most " + MAX_RANGE);
                }
                for (int i = first; i <= last; i++) {
                    ids.add(i);
                }
            } else {
                throw new IllegalArgumentException("'" + spec + "' in '" + whole + "' is not a "
                        + "list of instance ids or ranges (e.g. 0,2,5 or 1-3)");
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return job + "/" + instances.stream().map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    /** Picocli conversion: a bad key is an invalid parameter (exit 6). */
    public static final class Converter implements CommandLine.ITypeConverter<InstanceKey> {
        @Override
        public InstanceKey convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
