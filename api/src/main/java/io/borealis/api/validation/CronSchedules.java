package io.borealis.api.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Optional;

/**
 * Checks cron schedules in Aurora's (crontab's) five-field syntax, {@code MIN HOUR DOM MON DOW},
 * with cron-utils' UNIX definition: ranges, lists, steps ({@code *}{@code /5}) and names
 * ({@code MON}, {@code JAN}). Thread-safe: the parser is immutable.
 */
public final class CronSchedules {
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {}

    /** Why {@code schedule} does not parse, or empty when it does. */
    public static Optional<String> problem(String schedule) {
        if (schedule.isBlank()) {
            return Optional.of("is blank");
        }
        try {
            PARSER.parse(schedule.trim()).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage())
                    .replaceFirst("^Failed to parse cron expression\\.\\s*", "");
            return Optional.of("'" + schedule + "' is not a cron schedule (MIN HOUR DOM MON DOW): "
                    + why);
        }
    }
}
