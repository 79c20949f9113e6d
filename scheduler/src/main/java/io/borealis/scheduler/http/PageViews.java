package io.borealis.scheduler.http;

import io.borealis.scheduler.maintenance.HostOverview.TaskLeft;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The view records the scheduler's templates render: plain values, already formatted where the
 * format is the page's business (times, ages, resource triples), built by {@link PageReads}.
 * None holds HTML; Pebble escapes every value.
 */
final class PageViews {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private PageViews() {}

    /**
     * A moment as the pages show it: {@code utc} is the server-rendered text (and the hover
     * title once the page's script has rewritten the text into the viewer's local time), {@code
     * iso} the {@code datetime} attribute that script reads.
     */
    record Time(String iso, String utc) {
        static Time of(long epochMillis) {
            Instant at = Instant.ofEpochMilli(epochMillis);
            return new Time(at.toString(), UTC.format(at));
        }
    }

    /** {@code 3d 4h}, {@code 2h 5m}, {@code 5m 2s}, {@code 42s}: the two largest units. */
    static String age(long fromMillis, long nowMillis) {
        Duration d = Duration.ofMillis(Math.max(0, nowMillis - fromMillis));
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        } else if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        } else if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "s";
    }

    static String resources(double cpu, long ramMb, long diskMb) {
        return String.format(Locale.ROOT, "%s cpu, %d MiB ram, %d MiB disk",
                trimmed(cpu), ramMb, diskMb);
    }

    static String trimmed(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    /** How many tasks are in one state; {@code href} filters the job page to it. */
    record StateCount(String state, long count, @Nullable String href) {}

    /** One row of {@code /scheduler}; quota null when the role has none. */
    record RoleRow(String role, int jobs, long activeTasks, @Nullable String quota) {}

    /** One row of the role page; {@code states} counts its active tasks by state. */
    record JobRow(String path, String environment, String name, String kind, int instances,
            List<StateCount> states, String perInstance) {}

    /** One cron job of the role page; {@code nextRun} null when it never fires again. */
    record CronRow(String path, String environment, String name, String schedule,
            String timezone, String policy, @Nullable Time nextRun, @Nullable String nextLocal) {}

    /**
     * A role's quota and use: {@code quota} zero when none is set; {@code prodUsed} is what
     * counts against it, {@code otherUsed} the rest (non-production or dedicated).
     */
    record QuotaRow(String role, String quota, String prodUsed, String otherUsed,
            List<Share> shares) {}

    /** One resource of a quota: used / quota in percent (null without quota). */
    record Share(String resource, @Nullable Long percent) {}

    /**
     * One task of the job page. {@code used}: its latest resource sample, null when none;
     * {@code pendingReason}: why a PENDING task waits, null otherwise.
     */
    record TaskRow(int instance, String status, String age, Time since, String taskId,
            @Nullable String host, @Nullable String observerUrl, @Nullable String used,
            String reserved, @Nullable String pendingReason, List<EventRow> events) {}

    record EventRow(Time time, String status, @Nullable String message) {}

    /** One update in a list; {@code path} its page. */
    record UpdateRow(String id, String path, String status, boolean active, String user,
            Time created, Time updated, int instancesBefore, int instancesAfter,
            String message, String statusMessage) {}

    /**
     * One instance of an update page. {@code change}: add, change, restart ({@code job
     * restart}) or remove; {@code batch} 0 before it started.
     */
    record UpdateInstanceRow(int instance, String change, String state, int batch, int failures,
            @Nullable String taskId, Time since) {}

    /** One event of an update page; {@code instance} null for the update's own changes. */
    record UpdateEventRow(Time time, @Nullable Integer instance, String status, String message) {}

    /** One agent of {@code /agents}; {@code lastSeen} null before this scheduler heard it. */
    record AgentRow(String agentId, String host, String offered, String used, int tasks,
            @Nullable Time lastSeen, @Nullable String lastSeenAge, String attributes,
            String ports, @Nullable String observerUrl, String mode) {}

    /** One host of {@code /maintenance}. */
    record HostRow(String host, String mode, Time since, boolean registered,
            @Nullable String drain, List<TaskLeft> tasks) {}
}
