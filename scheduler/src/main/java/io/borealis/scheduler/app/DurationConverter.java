package io.borealis.scheduler.app;

import io.borealis.api.units.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration flag by the project's one grammar ({@link Durations}): {@code 500ms},
 * {@code 30s}, {@code 15m}, {@code 12h} or {@code 7d}; a bare number is seconds.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value, true).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not a duration such as 500ms, 30s, 15m, 12h or 7d"));
    }
}
