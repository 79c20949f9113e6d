package io.borealis.cli.command;

import io.borealis.api.units.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Durations as people type them, by the project's one grammar ({@link Durations}): {@code 500ms},
 * {@code 90s}, {@code 10m}, {@code 1h}, or a bare number of seconds.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value, true).orElseThrow(() ->
                new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration such as 90s, 10m or 1h"));
    }
}
