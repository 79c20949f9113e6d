package io.borealis.api.validation;

import io.borealis.api.discovery.ZooKeepers;
import io.borealis.api.model.CronCollisionPolicy;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule a job configuration must keep, whoever built it: the client runs these after
 * evaluating a job file, the scheduler again on every configuration it receives (it never trusts
 * the client). Pure functions over {@code io.borealis.api.model} records; thread-safe.
 *
 * <p>Rules that depend on a scheduler's own settings (its cluster name, whether cron scheduling
 * is available, the owner it authenticated) are not here; the scheduler adds them.
 */
public final class JobConfigurationValidator {
    /**
     * The most instances one job may have: Aurora's {@code -max_tasks_per_job} defaults to 4,000;
     * Borealis's job status, pages and placement are built and measured for 10,000.
     */
    public static final int MAX_INSTANCES = 10_000;
    /**
     * The most one task may ask for: more than any single host offers today, far less than what
     * overflows a sum. A request above these can never be placed, so it is refused up front.
     */
    public static final double MAX_CPU = 4096;
    /** 64 TiB. */
    public static final long MAX_RAM_MB = 64L * 1024 * 1024;
    /** 1 PiB. */
    public static final long MAX_DISK_MB = 1024L * 1024 * 1024;
    public static final int MAX_GPU = 256;
    public static final int MAX_PORTS = 1000;

    private JobConfigurationValidator() {}

    /** Every problem of {@code job}, in a stable order; empty when it is valid. */
    public static List<Problem> problems(JobConfiguration job) {
        List<Problem> problems = new ArrayList<>();
        TaskConfig config = job.taskConfig();
        if (!job.key().equals(config.job())) {
            problems.add(new Problem("taskConfig.job", config.job()
                    + " does not match the job key " + job.key()));
        }
        if (job.instanceCount() <= 0) {
            problems.add(new Problem("instanceCount", "must be positive, got "
                    + job.instanceCount()));
        } else if (job.instanceCount() > MAX_INSTANCES) {
            problems.add(new Problem("instanceCount", "must be at most " + MAX_INSTANCES
                    + ", got " + job.instanceCount()));
        }
        if (job.cronSchedule() != null) {
            CronSchedules.problem(job.cronSchedule())
                    .ifPresent(why -> problems.add(new Problem("cronSchedule", why)));
            if (config.isService()) {
                problems.add(new Problem("cronSchedule", "is not allowed for a service (a "
                        + "service runs all the time); make it a Job"));
            }
        }
        if (job.cronCollisionPolicy() == CronCollisionPolicy.RUN_OVERLAP) {
            // Aurora deprecated it (two runs of one cron job at once); never stored here.
            problems.add(new Problem("cronCollisionPolicy", "RUN_OVERLAP is deprecated and not "
                    + "accepted: use KILL_EXISTING or CANCEL_NEW"));
        }
        if (job.cronTimezone() != null) {
            CronSchedules.timezoneProblem(job.cronTimezone())
                    .ifPresent(why -> problems.add(new Problem("cronTimezone", why)));
        }
        if (config.maxTaskFailures() != -1 && config.maxTaskFailures() < 1) {
            problems.add(new Problem("maxTaskFailures", "must be -1 (no limit) or at least 1, "
                    + "got " + config.maxTaskFailures()));
        }
        if (config.priority() < 0) {
            problems.add(new Problem("priority", "must not be negative, got "
                    + config.priority()));
        }
        resources(config.resources(), problems);
        if (config.requestedPorts().size() > MAX_PORTS) {
            problems.add(new Problem("requestedPorts", "must name at most " + MAX_PORTS
                    + " ports, got " + config.requestedPorts().size()));
        }
        for (String port : config.requestedPorts()) {
            if (port.isBlank()) {
                problems.add(new Problem("requestedPorts", "holds a blank port name"));
            }
        }
        TaskSpecRules.check(config.task(), problems);
        if (config.task().healthCheck() != null) {
            SettingsRules.healthCheck(config.task().healthCheck(), problems);
        }
        ConstraintRules.check(config.constraints(), job.key().role(), problems);
        if (job.updateSettings() != null) {
            SettingsRules.update(job.updateSettings(), job.instanceCount(),
                    config.slaPolicy() != null, problems);
        }
        if (config.slaPolicy() != null) {
            SettingsRules.slaPolicy(config.slaPolicy(), problems);
        }
        if (config.container() != null) {
            SettingsRules.container(config.container(), problems);
        }
        if (config.partitionPolicy() != null && config.partitionPolicy().delaySecs() < 0) {
            problems.add(new Problem("partitionPolicy.delaySecs", "must not be negative, got "
                    + config.partitionPolicy().delaySecs()));
        }
        if (config.announce() != null && config.announce().zkPath() != null) {
            ZooKeepers.announcePathProblem(config.announce().zkPath())
                    .ifPresent(why -> problems.add(new Problem("announce.zkPath", why)));
        }
        return List.copyOf(problems);
    }

    private static void resources(Resources resources, List<Problem> problems) {
        if (!(resources.cpu() > 0)) {
            problems.add(new Problem("resources.cpu", "must be positive, got " + resources.cpu()));
        } else if (resources.cpu() > MAX_CPU) {
            problems.add(new Problem("resources.cpu", "must be at most " + (int) MAX_CPU
                    + " cpus, got " + resources.cpu()));
        }
        if (resources.ramMb() <= 0) {
            problems.add(new Problem("resources.ramMb", "must be positive, got "
                    + resources.ramMb()));
        } else if (resources.ramMb() > MAX_RAM_MB) {
            problems.add(new Problem("resources.ramMb", "must be at most " + MAX_RAM_MB
                    + " MB (64 TiB), got " + resources.ramMb() + " MB"));
        }
        if (resources.diskMb() <= 0) {
            problems.add(new Problem("resources.diskMb", "must be positive, got "
                    + resources.diskMb()));
        } else if (resources.diskMb() > MAX_DISK_MB) {
            problems.add(new Problem("resources.diskMb", "must be at most " + MAX_DISK_MB
                    + " MB (1 PiB), got " + resources.diskMb() + " MB"));
        }
        if (resources.gpu() < 0) {
            problems.add(new Problem("resources.gpu", "must not be negative, got "
                    + resources.gpu()));
        } else if (resources.gpu() > MAX_GPU) {
            problems.add(new Problem("resources.gpu", "must be at most " + MAX_GPU + ", got "
                    + resources.gpu()));
        }
    }
}
