package io.borealis.scheduler.validation;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.validation.JobConfigurationValidator;
import io.borealis.api.validation.Problem;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.tier.TierConfig;
import io.borealis.scheduler.tier.Tiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a job configuration before the scheduler stores it: every rule of
 * {@link JobConfigurationValidator} (the same the client applies after evaluating a job file),
 * plus what only this scheduler knows: the owner it authenticated, its cluster and its tiers.
 * Thread-safe.
 */
public final class JobValidator {
    /** Aurora's {@code -max_tasks_per_job}. */
    public static final int MAX_INSTANCES = JobConfigurationValidator.MAX_INSTANCES;

    private final String cluster;
    private final Tiers tiers;

    /** With Aurora's default tiers. */
    public JobValidator(String cluster) {
        this(cluster, Tiers.auroraDefaults());
    }

    /**
     * @param cluster this scheduler's cluster: a job naming another one is refused
     * @param tiers the tiers a job may name
     */
    public JobValidator(String cluster, Tiers tiers) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.tiers = requireNonNull(tiers, "tiers is null");
    }

    /**
     * Throws INVALID_REQUEST naming every problem, joined with "; ". Called by the createJob
     * path before anything is written, so a refused configuration leaves storage untouched.
     */
    public void validate(JobConfiguration job) {
        List<String> problems = problems(job);
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(String.join("; ", problems));
        }
    }

    /** Every problem with {@code job}, each as {@code FIELD_PATH message}; empty when valid. */
    public List<String> problems(JobConfiguration job) {
        List<String> problems = new ArrayList<>();
        for (Problem problem : JobConfigurationValidator.problems(job)) {
            problems.add(problem.toString());
        }
        if (job.owner().isBlank()) {
            problems.add("owner must not be blank");
        }
        if (job.cluster() != null && !job.cluster().equals(cluster)) {
            problems.add("job is for cluster '" + job.cluster() + "' but this scheduler runs '"
                    + cluster + "'");
        }
        tier(job, problems);
        return problems;
    }

    /** Aurora: the tier must exist, and a production job cannot be in a preemptible tier. */
    private void tier(JobConfiguration job, List<String> problems) {
        String name = job.taskConfig().tier();
        if (name == null) {
            return;
        }
        Optional<TierConfig> tier = tiers.byName(name);
        if (tier.isEmpty()) {
            problems.add("tier '" + name + "' is not one of this cluster's tiers "
                    + tiers.all().stream().map(TierConfig::name).toList());
        } else if (job.taskConfig().production() && tier.get().preemptible()) {
            problems.add("production jobs cannot be preempted, but tier '" + name
                    + "' is preemptible; use a non-preemptible tier or production = false");
        }
    }
}
