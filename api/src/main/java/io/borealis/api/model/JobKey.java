package io.borealis.api.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a job within a cluster: {@code role/environment/name}. Each part is 1-255 characters
 * of letters, digits, '-', '_' and '.', as in Aurora.
 */
public record JobKey(String role, String environment, String name) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    public JobKey {
        Objects.requireNonNull(role, "role is null");
        Objects.requireNonNull(environment, "environment is null");
        Objects.requireNonNull(name, "name is null");
        checkPart("role", role);
        checkPart("environment", environment);
        checkPart("name", name);
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

    private static void checkPart(String what, String value) {
        if (!PART.matcher(value).matches()) {
            throw new IllegalArgumentException("job key " + what + " '" + value
                    + "' must be 1-255 characters of letters, digits, '-', '_' and '.'");
        }
    }

    @Override
    public String toString() {
        return role + "/" + environment + "/" + name;
    }
}
