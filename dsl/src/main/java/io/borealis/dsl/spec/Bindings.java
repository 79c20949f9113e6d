package io.borealis.dsl.spec;

import java.util.List;
import java.util.Map;

/**
 * Turns values given to {@code .bind(...)} into template variables by dotted name:
 * {@code [profile: [role: 'x', ports: [80, 81]]]} binds {@code profile.role},
 * {@code profile.ports[0]} and {@code profile.ports[1]}; a struct binds its fields as set
 * ({@code {{p.cmdline}}}). Stateless.
 */
final class Bindings {
    private Bindings() {}

    static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> flatten(prefix + key + ".", nested, into));
        } else if (value instanceof Struct struct) {
            struct.values().forEach((key, nested) -> flatten(prefix + key + ".", nested, into));
        } else if (value instanceof List<?> list && !prefix.isEmpty()) {
            String name = prefix.substring(0, prefix.length() - 1);
            for (int i = 0; i < list.size(); i++) {
                flatten(name + "[" + i + "].", list.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix.substring(0, prefix.length() - 1), value);
        }
    }
}
