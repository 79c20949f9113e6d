package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

/**
 * One field of a schema object.
 *
 * @param defaultValue the value read when the field is not set: a plain value, a {@link Schema}
 *     (meaning "that object with all its defaults"), or null for "unset"
 */
public record Field(String name, boolean required, Object defaultValue) {
    public Field {
        requireNonNull(name, "name is null");
    }
}
