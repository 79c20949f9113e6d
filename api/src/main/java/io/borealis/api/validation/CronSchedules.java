package io.borealis.api.validation;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.ZoneId;
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

    /**
     * {@code schedule} parsed and validated, for computing trigger times (cron-utils'
     * {@code ExecutionTime.forCron}).
     *
     * @throws IllegalArgumentException when it does not parse; {@link #problem} says why
     */
    public static Cron parse(String schedule) {
        return PARSER.parse(schedule.trim()).validate();
    }

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

    /**
     * Why {@code zone} is not a time zone a cron schedule can be read in, or empty when it is:
     * any {@link ZoneId} (an IANA region such as {@code America/New_York}, {@code UTC}, or an
     * offset such as {@code +02:00}).
     */
    public static Optional<String> timezoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("'" + zone + "' is not a time zone id (e.g. UTC, "
                    + "America/New_York): " + e.getMessage());
        }
    }
}
