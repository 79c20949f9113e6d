package io.borealis.cli.render;

import io.borealis.api.model.CronJob;
import io.borealis.api.model.CronRun;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cron show}: a cron job's schedule, zone, policy, next run times (in its zone and in
 * UTC) and recent runs, newest first; as text or as the JSON object documented in the client
 * README.
 */
public final class CronView {
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private CronView() {}

    public static void print(PrintWriter out, String key, CronJob cron) {
        ZoneId zone = ZoneId.of(cron.timezone());
        out.println("Cron job " + key);
        out.println("  schedule:         " + cron.job().cronSchedule());
        out.println("  timezone:         " + cron.timezone());
        out.println("  collision policy: " + cron.job().cronCollisionPolicy());
        out.println("  instances:        " + cron.job().instanceCount());
        out.println("  next runs:");
        for (long at : cron.nextRunsMs()) {
            Instant instant = Instant.ofEpochMilli(at);
            out.println("    " + LOCAL.format(instant.atZone(zone)) + "  (" + instant + ")");
        }
        out.println("  last runs:" + (cron.lastRuns().isEmpty() ? " none" : ""));
        for (CronRun run : cron.lastRuns()) {
            out.println("    " + Instant.ofEpochMilli(run.runTimeMs()) + "  " + run.trigger()
                    + " for " + Instant.ofEpochMilli(run.triggerTimeMs()) + "  " + run.outcome()
                    + ": " + run.message());
        }
        out.flush();
    }

    public static void json(PrintWriter out, String key, CronJob cron) {
        ZoneId zone = ZoneId.of(cron.timezone());
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("job", key);
        shape.put("schedule", cron.job().cronSchedule());
        shape.put("timezone", cron.timezone());
        shape.put("collisionPolicy", cron.job().cronCollisionPolicy().name());
        shape.put("instances", cron.job().instanceCount());
        shape.put("nextRuns", cron.nextRunsMs().stream().map(at -> Map.of(
                "utc", Instant.ofEpochMilli(at).atOffset(ZoneOffset.UTC).toString(),
                "local", Instant.ofEpochMilli(at).atZone(zone).toOffsetDateTime().toString()))
                .toList());
        List<Map<String, Object>> runs = cron.lastRuns().stream().map(CronView::run).toList();
        shape.put("lastRuns", runs);
        JsonOutput.write(out, shape);
    }

    private static Map<String, Object> run(CronRun run) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("trigger", run.trigger().name());
        shape.put("triggerTime", Instant.ofEpochMilli(run.triggerTimeMs()).toString());
        shape.put("runTime", Instant.ofEpochMilli(run.runTimeMs()).toString());
        shape.put("outcome", run.outcome().name());
        shape.put("message", run.message());
        return shape;
    }
}
