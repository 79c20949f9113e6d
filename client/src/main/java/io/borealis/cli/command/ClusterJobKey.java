package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import picocli.CommandLine;

/** A job within a named cluster: {@code CLUSTER/ROLE/ENV/NAME}. */
public record ClusterJobKey(String cluster, JobKey job) {
    public ClusterJobKey {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(job, "job is null");
    }

    /** Parses {@code CLUSTER/ROLE/ENV/NAME}; the message names what is wrong. */
    public static ClusterJobKey parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 4 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a job key of the form CLUSTER/ROLE/ENV/NAME");
        }
        return new ClusterJobKey(parts[0], new JobKey(parts[1], parts[2], parts[3]));
    }

    @Override
    public String toString() {
        return cluster + "/" + job;
    }

    /** Picocli conversion: a bad key is an invalid parameter (exit 6). */
    public static final class Converter implements CommandLine.ITypeConverter<ClusterJobKey> {
        @Override
        public ClusterJobKey convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
