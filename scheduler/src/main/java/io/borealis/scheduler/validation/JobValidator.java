package io.borealis.scheduler.validation;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.Process;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.TaskSpec;
import io.borealis.scheduler.error.PlatformException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a job configuration before the scheduler stores it: the key, instance count, resources,
 * processes and the parts of Aurora's rules this slice supports. Thread-safe.
 */
public final class JobValidator {
    /** Aurora's {@code -max_tasks_per_job}. */
    public static final int MAX_INSTANCES = 4000;

    private final String cluster;

    /** @param cluster this scheduler's cluster: a job naming another one is refused */
    public JobValidator(String cluster) {
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    /** Throws INVALID_REQUEST naming every problem, joined with "; ". */
    public void validate(JobConfiguration job) {
        List<String> problems = problems(job);
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(String.join("; ", problems));
        }
    }

    /** Every problem with {@code job}; empty when it is valid. */
    public List<String> problems(JobConfiguration job) {
        List<String> problems = new ArrayList<>();
        TaskConfig config = job.taskConfig();
        if (!job.key().equals(config.job())) {
            problems.add("taskConfig.job " + config.job() + " does not match the job key "
                    + job.key());
        }
        if (job.owner().isBlank()) {
            problems.add("owner must not be blank");
        }
        if (job.instanceCount() <= 0) {
            problems.add("instanceCount must be positive, got " + job.instanceCount());
        } else if (job.instanceCount() > MAX_INSTANCES) {
            problems.add("instanceCount must be at most " + MAX_INSTANCES + ", got "
                    + job.instanceCount());
        }
        if (job.cluster() != null && !job.cluster().equals(cluster)) {
            problems.add("job is for cluster '" + job.cluster() + "' but this scheduler runs '"
                    + cluster + "'");
        }
        if (job.cronSchedule() != null) {
            problems.add("cron jobs are not supported yet: remove cronSchedule");
        }
        if (config.maxTaskFailures() != -1 && config.maxTaskFailures() < 1) {
            problems.add("maxTaskFailures must be -1 (no limit) or at least 1, got "
                    + config.maxTaskFailures());
        }
        resources(config.resources(), problems);
        for (String port : config.requestedPorts()) {
            if (port.isBlank()) {
                problems.add("requestedPorts holds a blank port name");
            }
        }
        task(config.task(), problems);
        return problems;
    }

    private static void resources(Resources resources, List<String> problems) {
        if (!(resources.cpu() > 0)) {
            problems.add("resources.cpu must be positive, got " + resources.cpu());
        }
        if (resources.ramMb() <= 0) {
            problems.add("resources.ramMb must be positive, got " + resources.ramMb());
        }
        if (resources.diskMb() <= 0) {
            problems.add("resources.diskMb must be positive, got " + resources.diskMb());
        }
        if (resources.gpu() < 0) {
            problems.add("resources.gpu must not be negative, got " + resources.gpu());
        }
    }

    private static void task(TaskSpec task, List<String> problems) {
        if (task.name().isBlank()) {
            problems.add("task.name must not be blank");
        }
        if (task.processes().isEmpty()) {
            problems.add("task.processes must not be empty");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < task.processes().size(); i++) {
            Process process = task.processes().get(i);
            if (process.name().isBlank()) {
                problems.add("task.processes[" + i + "].name must not be blank");
            } else if (!names.add(process.name())) {
                problems.add("process name '" + process.name() + "' is used more than once");
            }
            if (process.cmdline().isBlank()) {
                problems.add("process '" + process.name() + "' has an empty cmdline");
            }
        }
        for (List<String> order : task.orderConstraints()) {
            for (String name : order) {
                if (!names.contains(name)) {
                    problems.add("order constraint names unknown process '" + name + "'");
                }
            }
        }
    }
}
