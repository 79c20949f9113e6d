package io.borealis.api.validation;

import static io.borealis.api.validation.TaskSpecRules.notNegative;

import io.borealis.api.model.DockerContainer;
import io.borealis.api.model.HealthCheckConfig;
import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.UpdateSettings;
import java.util.List;

/**
 * The rules of a job's optional settings: update settings (aurora-features §1.5), health check
 * (§1.6), SLA policy and container. Stateless.
 */
final class SettingsRules {
    /** Aurora's client: a coordinated update's pulse interval is at least a minute. */
    static final int MIN_PULSE_INTERVAL_SECS = 60;

    private SettingsRules() {}

    static void update(UpdateSettings update, int instanceCount, boolean hasSlaPolicy,
            List<Problem> problems) {
        if (update.batchSize() <= 0) {
            problems.add(new Problem("updateSettings.batchSize", "must be positive, got "
                    + update.batchSize()));
        }
        notNegative("updateSettings.watchSecs", update.watchSecs(), problems);
        notNegative("updateSettings.maxPerInstanceFailures", update.maxPerInstanceFailures(),
                problems);
        notNegative("updateSettings.maxTotalFailures", update.maxTotalFailures(), problems);
        if (instanceCount > 0 && update.maxTotalFailures() >= instanceCount) {
            problems.add(new Problem("updateSettings.maxTotalFailures", "must be less than "
                    + "instanceCount (" + instanceCount + "), got " + update.maxTotalFailures()));
        }
        if (update.pulseIntervalSecs() != null
                && update.pulseIntervalSecs() < MIN_PULSE_INTERVAL_SECS) {
            problems.add(new Problem("updateSettings.pulseIntervalSecs", "must be at least "
                    + MIN_PULSE_INTERVAL_SECS + ", got " + update.pulseIntervalSecs()));
        }
        if (update.slaAware() && !hasSlaPolicy) {
            problems.add(new Problem("updateSettings.slaAware", "needs an slaPolicy on the job"));
        }
        switch (update.strategy()) {
            case QUEUE, BATCH -> {
                if (!update.batchSizes().isEmpty()) {
                    problems.add(new Problem("updateSettings.batchSizes", "are only for the "
                            + "VARIABLE_BATCH strategy, got " + update.strategy()));
                }
            }
            case VARIABLE_BATCH -> {
                if (update.batchSizes().isEmpty()) {
                    problems.add(new Problem("updateSettings.batchSizes", "must not be empty "
                            + "for the VARIABLE_BATCH strategy"));
                }
                for (int i = 0; i < update.batchSizes().size(); i++) {
                    if (update.batchSizes().get(i) <= 0) {
                        problems.add(new Problem("updateSettings.batchSizes[" + i + "]",
                                "must be positive, got " + update.batchSizes().get(i)));
                    }
                }
            }
        }
    }

    static void healthCheck(HealthCheckConfig check, List<Problem> problems) {
        String path = "task.healthCheck";
        if (check.http() != null && check.shell() != null) {
            problems.add(new Problem(path, "sets both an http and a shell checker; set one"));
        }
        if (check.shell() != null && check.shell().shellCommand().isBlank()) {
            problems.add(new Problem(path + ".shell.shellCommand", "must not be blank"));
        }
        notNegativeSecs(path, "initialIntervalSecs", check.initialIntervalSecs(), problems);
        notNegativeSecs(path, "intervalSecs", check.intervalSecs(), problems);
        notNegativeSecs(path, "timeoutSecs", check.timeoutSecs(), problems);
        notNegative(path + ".maxConsecutiveFailures", check.maxConsecutiveFailures(), problems);
        notNegative(path + ".minConsecutiveSuccesses", check.minConsecutiveSuccesses(),
                problems);
    }

    static void slaPolicy(SlaPolicy policy, List<Problem> problems) {
        if (policy.count() != null) {
            if (policy.count().count() <= 0) {
                problems.add(new Problem("slaPolicy.count.count", "must be positive, got "
                        + policy.count().count()));
            }
            notNegative("slaPolicy.count.durationSecs", policy.count().durationSecs(), problems);
        } else if (policy.percentage() != null) {
            double percentage = policy.percentage().percentage();
            if (!(percentage > 0 && percentage <= 100)) {
                problems.add(new Problem("slaPolicy.percentage.percentage", "must be more than 0 "
                        + "and at most 100, got " + percentage));
            }
            notNegative("slaPolicy.percentage.durationSecs", policy.percentage().durationSecs(),
                    problems);
        } else if (policy.coordinator().coordinatorUrl().isBlank()) {
            problems.add(new Problem("slaPolicy.coordinator.coordinatorUrl", "must not be blank"));
        }
    }

    static void container(DockerContainer container, List<Problem> problems) {
        if (container.image().isBlank()) {
            problems.add(new Problem("container.image", "must not be blank"));
        }
    }

    private static void notNegativeSecs(String path, String field, double value,
            List<Problem> problems) {
        if (value < 0) {
            problems.add(new Problem(path + "." + field, "must not be negative, got " + value));
        }
    }
}
