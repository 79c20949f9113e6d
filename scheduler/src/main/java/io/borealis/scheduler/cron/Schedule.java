package io.borealis.scheduler.cron;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.time.ExecutionTime;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.validation.CronSchedules;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron job's five-field expression read in its zone (UTC unless the job names one), with
 * cron-utils' execution times: a trigger at {@code 0 9 * * *} in America/New_York is 14:00 UTC
 * in winter and 13:00 UTC in summer. Trigger times fall on whole minutes. Immutable.
 */
record Schedule(ExecutionTime times, ZoneId zone) {
    /** At most this many trigger times are counted when saying how many were missed. */
    static final int MAX_COUNTED = 1_000;

    Schedule {
        requireNonNull(times, "times is null");
        requireNonNull(zone, "zone is null");
    }

    /**
     * The schedule of {@code job}, which must have been validated (a cron job whose expression
     * and zone parse).
     */
    static Schedule of(JobConfiguration job) {
        return new Schedule(ExecutionTime.forCron(CronSchedules.parse(job.cronSchedule())),
                ZoneId.of(job.effectiveCronTimezone()));
    }

    /** The first trigger time strictly after {@code after}; empty if the schedule never fires. */
    Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The next {@code count} trigger times strictly after {@code after}. */
    List<Instant> next(Instant after, int count) {
        List<Instant> out = new ArrayList<>();
        Instant at = after;
        while (out.size() < count) {
            Optional<Instant> next = next(at);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
            at = next.get();
        }
        return out;
    }

    /**
     * The trigger times after {@code handled} up to {@code now} (inclusive): what is due. Only
     * the latest of them runs; {@link Due#count} says how many there were (up to
     * {@value #MAX_COUNTED}).
     */
    Optional<Due> due(Instant handled, Instant now) {
        Optional<Instant> first = next(handled).filter(t -> !t.isAfter(now));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Instant latest = first.get();
        int count = 1;
        // Walk forward; past MAX_COUNTED jump to the latest trigger before now directly.
        while (true) {
            Optional<Instant> next = next(latest).filter(t -> !t.isAfter(now));
            if (next.isEmpty()) {
                return Optional.of(new Due(first.get(), latest, count));
            }
            latest = next.get();
            count++;
            if (count >= MAX_COUNTED) {
                return Optional.of(new Due(first.get(), latestUpTo(now, latest), count));
            }
        }
    }

    /** The latest trigger time not after {@code now}, at or after {@code floor}. */
    private Instant latestUpTo(Instant now, Instant floor) {
        Optional<Instant> before = times.lastExecution(now.plusSeconds(1).atZone(zone))
                .map(ZonedDateTime::toInstant);
        while (before.isPresent() && before.get().isAfter(now)) {
            before = times.lastExecution(before.get().atZone(zone))
                    .map(ZonedDateTime::toInstant);
        }
        return before.filter(t -> t.isAfter(floor)).orElse(floor);
    }

    /**
     * Trigger times that are due.
     *
     * @param first the earliest not handled
     * @param latest the latest not after now: the one that runs
     * @param count how many there are, {@value #MAX_COUNTED} meaning at least that many
     */
    record Due(Instant first, Instant latest, int count) {}
}
