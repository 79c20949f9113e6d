package io.borealis.api.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a job within a cluster: {@code role/environment/name}. Each part follows Aurora's
 * identifier rule ({@code GOOD_IDENTIFIER_PATTERN}): 1-255 characters of letters, digits, '-',
 * '_' and '.', and not {@code .} or {@code ..} (a part names directories and URL path segments).
 *
 * <p>This record is the one home of the rule: the dsl, the clients and the scheduler all build
 * their keys here, and calls that take only a role check it with {@link #checkRole}.
 */
public record JobKey(String role, String environment, String name) {
    /** Longest role, environment or name. */
    public static final int MAX_PART_LENGTH = 255;

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_PART_LENGTH + "}");

    public JobKey {
        Objects.requireNonNull(role, "role is null");
        Objects.requireNonNull(environment, "environment is null");
        Objects.requireNonNull(name, "name is null");
        checkPart("job key role", role);
        checkPart("job key environment", environment);
        checkPart("job key name", name);
    }

    /** Parses {@code role/environment/name}. */
    public static JobKey parse(String path) {
        Objects.requireNonNull(path, "path is null");
        String[] parts = path.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "job key '" + path + "' is not of the form role/environment/name");
        }
        return new JobKey(parts[0], parts[1], parts[2]);
    }

    /**
     * Checks a role given on its own (quota calls, job listings) by the rule of a key's parts.
     *
     * @return {@code role}
     * @throws IllegalArgumentException naming the role and the rule it breaks
     */
    public static String checkRole(String role) {
        Objects.requireNonNull(role, "role is null");
        checkPart("role", role);
        return role;
    }

    private static void checkPart(String what, String value) {
        if (!PART.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + shown(value) + "' must be 1-"
                    + MAX_PART_LENGTH + " characters of letters, digits, '-', '_' and '.'");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + " '" + value + "' must not be '.' or '..'");
        }
    }

    /** The value as a message shows it: at most 64 characters, so hostile input stays short. */
    private static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }

    @Override
    public String toString() {
        return role + "/" + environment + "/" + name;
    }
}
