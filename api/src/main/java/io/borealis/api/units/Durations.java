package io.borealis.api.units;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations people type (program flags, client options): a whole number and
 * a unit, {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h} or {@code 7d}. Where a caller
 * allows it, a bare number is seconds ({@code 0}, {@code 90}). Negative amounts, fractions and
 * other units are not durations.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

    private Durations() {}

    /**
     * Parses {@code text}; empty when it is not a duration by this grammar.
     *
     * @param bareIsSeconds whether a number without a unit is accepted, as seconds
     */
    public static Optional<Duration> parse(String text, boolean bareIsSeconds) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text.trim());
        if (!matcher.matches() || (matcher.group(2) == null && !bareIsSeconds)) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount); // "d": the pattern allows nothing else
        });
    }
}
