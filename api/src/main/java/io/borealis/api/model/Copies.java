package io.borealis.api.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Immutable, order-preserving copies for record components; null reads as empty. */
final class Copies {
    private Copies() {}

    static <T> List<T> list(Collection<T> values, String name) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            Objects.requireNonNull(value, () -> name + " holds null");
        }
        return List.copyOf(values);
    }

    static <T> Set<T> set(Collection<T> values, String name) {
        if (values == null) {
            return Set.of();
        }
        for (T value : values) {
            Objects.requireNonNull(value, () -> name + " holds null");
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    static <K, V> Map<K, V> map(Map<K, V> values, String name) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, () -> name + " holds a null key");
            Objects.requireNonNull(v, () -> name + " holds a null value");
        });
        // Up to one entry, order is trivial and an immutable map is copied as itself: the
        // common one-port map of a task is not copied again each time a record is built.
        return values.size() <= 1 ? Map.copyOf(values)
                : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
