package io.borealis.cli.render;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.Process;
import io.borealis.api.model.TaskConfig;
import java.io.PrintWriter;

/** {@code job inspect} for people: the resolved job, task and processes. */
public final class ConfigSummary {
    private ConfigSummary() {}

    public static void print(PrintWriter out, JobConfiguration job) {
        TaskConfig config = job.taskConfig();
        out.printf("Job %s/%s%n", job.cluster(), job.key());
        out.printf("  %s, %d instance%s, priority %d%s%s%n",
                config.isService() ? "service" : "job", job.instanceCount(),
                job.instanceCount() == 1 ? "" : "s", config.priority(),
                config.production() ? ", production" : "",
                config.tier() == null ? "" : ", tier " + config.tier());
        if (job.cronSchedule() != null) {
            out.printf("  cron: %s in %s (%s)%n", job.cronSchedule(), job.effectiveCronTimezone(),
                    job.cronCollisionPolicy());
        }
        out.printf("  resources: cpu %s, ram %d MB, disk %d MB%s%n", config.resources().cpu(),
                config.resources().ramMb(), config.resources().diskMb(),
                config.resources().gpu() > 0 ? ", gpu " + config.resources().gpu() : "");
        if (!config.requestedPorts().isEmpty()) {
            out.printf("  ports: %s%n", String.join(", ", config.requestedPorts()));
        }
        out.printf("  task %s (max failures %d)%n", config.task().name(),
                config.task().maxFailures());
        for (Process process : config.task().processes()) {
            out.printf("    process %s%s%s%n", process.name(), process.daemon() ? " (daemon)" : "",
                    process.isFinal() ? " (final)" : "");
            process.cmdline().strip().lines().forEach(line -> out.printf("      %s%n", line));
        }
        for (var order : config.task().orderConstraints()) {
            out.printf("    order: %s%n", String.join(" -> ", order));
        }
        out.flush();
    }
}
