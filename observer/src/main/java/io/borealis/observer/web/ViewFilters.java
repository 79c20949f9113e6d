package io.borealis.observer.web;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Pebble filters that format view values for people: {@code time} (epoch millis, as a
 * {@code <time>} element holding the UTC text, which base.peb's script shows in the viewer's
 * local time with the UTC text as hover title; its markup holds only digits and fixed text),
 * {@code duration} (millis), {@code bytes}, {@code cores}, and {@code urlpath} (percent-encodes
 * each segment of a path for use in a link). A null or unknown value prints as a dash. Their
 * output is plain text, so autoescaping still applies to it.
 */
final class ViewFilters extends AbstractExtension {
    static final String NONE = "—";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "time", markup(ViewFilters::timeElement),
                "duration", filter(ViewFilters::duration),
                "bytes", filter(ViewFilters::bytes),
                "cores", filter(ViewFilters::cores),
                "urlpath", filter(v -> v == null ? "" : UrlPaths.encodePath(v.toString())));
    }

    /** A filter whose output is markup we built from numbers: not escaped again. */
    private static Filter markup(Function<Object, String> format) {
        return filter(input -> new SafeString(format.apply(input)));
    }

    private static Filter filter(Function<Object, ?> format) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                    EvaluationContext context, int lineNumber) {
                return format.apply(input);
            }
        };
    }

    static String time(Object millis) {
        if (!(millis instanceof Number n) || n.longValue() <= 0) {
            return NONE;
        }
        return TIME.format(Instant.ofEpochMilli(n.longValue()));
    }

    /** {@code <time datetime="ISO">yyyy-MM-dd HH:mm:ss UTC</time>}, or a dash. */
    static String timeElement(Object millis) {
        if (!(millis instanceof Number n) || n.longValue() <= 0) {
            return NONE;
        }
        return "<time datetime=\"" + Instant.ofEpochMilli(n.longValue()) + "\">" + time(millis)
                + "</time>";
    }

    static String duration(Object millis) {
        if (!(millis instanceof Number n) || n.longValue() <= 0) {
            return NONE;
        }
        long seconds = n.longValue() / 1000;
        if (n.longValue() < 1000) {
            return n.longValue() + " ms";
        }
        if (seconds < 60) {
            return n.longValue() < 10_000
                    ? String.format(Locale.ROOT, "%.1fs", n.longValue() / 1000.0)
                    : seconds + "s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m";
        }
        return hours > 0 ? hours + "h " + minutes + "m " + seconds % 60 + "s"
                : minutes + "m " + seconds % 60 + "s";
    }

    static String bytes(Object bytes) {
        if (!(bytes instanceof Number n) || n.longValue() < 0) {
            return NONE;
        }
        long value = n.longValue();
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    static String cores(Object cores) {
        if (!(cores instanceof Number n)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.2f", n.doubleValue());
    }
}
