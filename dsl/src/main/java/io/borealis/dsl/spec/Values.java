package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import io.borealis.dsl.diagnostic.Diagnostics;
import io.borealis.dsl.diagnostic.SourceLocation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the fields of {@link Struct}s with the type each builder expects, resolving templates in
 * strings and reporting every problem against the field's path and the struct's line. Each
 * reader returns null when the field is unset or wrong; the problem is then already reported.
 * One instance per evaluation, single-threaded.
 */
final class Values {
    private final Diagnostics diagnostics;
    private Templates templates = new Templates(Map.of(), Map.of());

    Values(Diagnostics diagnostics) {
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    void useTemplates(Templates newTemplates) {
        this.templates = requireNonNull(newTemplates, "newTemplates is null");
    }

    Templates templates() {
        return templates;
    }

    /** How many errors were reported so far: a builder compares it before and after a part. */
    long errorCount() {
        return diagnostics.errorCount();
    }

    void error(SourceLocation location, String path, String message) {
        diagnostics.error(location, path, message);
    }

    /**
     * The value as set or defaulted; reports {@code required} when a required field is unset.
     * A struct (or a list's structs) comes back carrying {@code struct}'s {@code .bind}
     * variables beneath its own: that is how bindings reach what an object contains.
     */
    Object raw(Struct struct, String field, String path) {
        Object value = struct.get(field);
        boolean required = struct.schema().field(field).map(Field::required).orElse(false);
        if (value == null && required) {
            error(struct.location(), path, "required");
        }
        return inherited(value, struct.bindings());
    }

    static Object inherited(Object value, Map<String, Object> bindings) {
        if (bindings.isEmpty()) {
            return value;
        }
        if (value instanceof Struct child) {
            return child.inherit(bindings);
        }
        if (value instanceof List<?> items && items.stream().anyMatch(Struct.class::isInstance)) {
            return items.stream().map(item -> item instanceof Struct child
                    ? child.inherit(bindings) : item).toList();
        }
        return value;
    }

    String string(Struct struct, String field, String path) {
        Object value = raw(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return resolved(struct, text.toString(), path);
        }
        return wrongType(struct, path, "a string", value);
    }

    Integer integer(Struct struct, String field, String path) {
        Long value = longValue(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            error(struct.location(), path, "is out of range: " + value);
            return null;
        }
        return value.intValue();
    }

    Long longValue(Struct struct, String field, String path) {
        Object value = templated(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof String text && text.trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(text.trim());
        }
        return wrongType(struct, path, "an integer", value);
    }

    Double number(Struct struct, String field, String path) {
        Object value = templated(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                return wrongType(struct, path, "a number", value);
            }
        }
        return wrongType(struct, path, "a number", value);
    }

    Boolean bool(Struct struct, String field, String path) {
        Object value = templated(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && text.trim().matches("(?i)true|false")) {
            return Boolean.parseBoolean(text.trim());
        }
        return wrongType(struct, path, "true or false", value);
    }

    List<?> list(Struct struct, String field, String path) {
        Object value = raw(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> items) {
            return items;
        }
        return wrongType(struct, path, "a list", value);
    }

    Map<?, ?> map(Struct struct, String field, String path) {
        Object value = raw(struct, field, path);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> entries) {
            return entries;
        }
        return wrongType(struct, path, "a map", value);
    }

    /** A struct-valued field that must be one of {@code accepted}. */
    Struct struct(Struct owner, String field, String path, Schema... accepted) {
        Object value = raw(owner, field, path);
        return value == null ? null : structValue(value, owner.location(), path, accepted);
    }

    /** A value (field or list element) that must be a struct of one of {@code accepted}. */
    Struct structValue(Object value, SourceLocation where, String path, Schema... accepted) {
        if (value instanceof Struct struct && Arrays.asList(accepted).contains(struct.schema())) {
            return struct;
        }
        if (value instanceof Struct struct && struct.schema() == Schemas.INVALID) {
            return null;
        }
        String expected = Arrays.stream(accepted).map(Schema::name)
                .collect(Collectors.joining(" or "));
        SourceLocation location = value instanceof Struct struct ? struct.location() : where;
        error(location, path, "expected " + article(expected) + ", got " + describe(value));
        return null;
    }

    /** An enum field written in any case ({@code 'console'} or {@code 'CONSOLE'}). */
    <E extends Enum<E>> E enumValue(Struct struct, String field, String path, Class<E> type) {
        String text = string(struct, field, path);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            error(struct.location(), path, "'" + text + "' is not one of " + allowed);
            return null;
        }
    }

    /** {@code text}, a value of {@code owner}, with its templates resolved in owner's scope. */
    String resolved(Struct owner, String text, String path) {
        return resolved(text, owner.bindings(), owner.location(), path);
    }

    String resolved(String text, Map<String, Object> bound, SourceLocation location,
            String path) {
        Templates.Resolved resolved = templates.resolve(text, bound);
        if (!resolved.unresolved().isEmpty()) {
            error(location, path, "unresolved template reference"
                    + (resolved.unresolved().size() > 1 ? "s " : " ")
                    + String.join(", ", resolved.unresolved()));
            return null;
        }
        return resolved.text();
    }

    /** A scalar field that may be written as a template ({@code instances: '{{n}}'}). */
    private Object templated(Struct struct, String field, String path) {
        Object value = raw(struct, field, path);
        if (value instanceof CharSequence text) {
            return resolved(struct, text.toString(), path);
        }
        return value;
    }

    private <T> T wrongType(Struct struct, String path, String expected, Object value) {
        if (value instanceof Struct invalid && invalid.schema() == Schemas.INVALID) {
            return null;
        }
        error(struct.location(), path, "expected " + expected + ", got " + describe(value));
        return null;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Struct struct) {
            return article(struct.schema().name());
        }
        if (value instanceof CharSequence text) {
            return "string '" + text + "'";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return value.getClass().getSimpleName();
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
