package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of one schema object of the DSL (Aurora's Pystachio {@code Struct}): its name as
 * users write it ({@code Process}) and its fields with their defaults. Immutable.
 *
 * <p>A schema says nothing about types: the builders that turn {@link Struct}s into model records
 * check each value when they read it, because a value may still be a template until bindings are
 * applied.
 */
public final class Schema {
    private final String name;
    private final Map<String, Field> fields;

    private Schema(String name, Map<String, Field> fields) {
        this.name = requireNonNull(name, "name is null");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    public Set<String> fieldNames() {
        return fields.keySet();
    }

    /** A schema with the same fields under another name, some defaults replaced. */
    public Schema derive(String newName, Map<String, Object> newDefaults) {
        Map<String, Field> copy = new LinkedHashMap<>(fields);
        newDefaults.forEach((key, value) -> copy.put(key, new Field(key, false, value)));
        return new Schema(newName, copy);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Declares fields in the order users read them in the documentation. */
    public static final class Builder {
        private final String name;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder required(String fieldName) {
            fields.put(fieldName, new Field(fieldName, true, null));
            return this;
        }

        public Builder optional(String fieldName, Object defaultValue) {
            fields.put(fieldName, new Field(fieldName, false, defaultValue));
            return this;
        }

        /** A field with no default: reading it yields null ("unset"). */
        public Builder optional(String fieldName) {
            return optional(fieldName, null);
        }

        public Schema build() {
            return new Schema(name, fields);
        }
    }
}
