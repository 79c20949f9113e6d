package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import picocli.CommandLine;

/**
 * {@code CLUSTER/ROLE} or {@code CLUSTER/ROLE/ENV}, as {@code job list} and {@code quota get}
 * take it. The role follows the job key rule ({@link JobKey#checkRole}).
 */
public record RoleKey(String cluster, String role, String environment) {
    public RoleKey {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(role, "role is null");
    }

    public static RoleKey parse(String text) {
        String[] parts = text.split("/", -1);
        boolean shaped = (parts.length == 2 || parts.length == 3)
                && java.util.Arrays.stream(parts).noneMatch(String::isEmpty);
        if (!shaped) {
            throw new IllegalArgumentException("'" + text
                    + "' is not of the form CLUSTER/ROLE or CLUSTER/ROLE/ENV");
        }
        JobKey.checkRole(parts[1]);
        return new RoleKey(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Picocli conversion: a bad key is an invalid parameter (exit 6). */
    public static final class Converter implements CommandLine.ITypeConverter<RoleKey> {
        @Override
        public RoleKey convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
