package io.borealis.executor.health;

import io.borealis.api.model.HealthCheckConfig;
import io.borealis.api.model.HttpHealthChecker;
import io.borealis.executor.sandbox.Account;
import io.borealis.executor.sandbox.Templates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses a task's health check, as Aurora does: a shell checker when one is configured; else
 * the HTTP checker (Aurora's default, {@code GET /health} expecting {@code ok}) when the task has
 * a port named {@code health}; else none, and the task is healthy once its processes run.
 */
public final class HealthChecks {
    /** The named port an HTTP health check goes to. */
    public static final String HEALTH_PORT = "health";
    private static final HttpHealthChecker DEFAULT_HTTP = new HttpHealthChecker("/health", "ok", 0);

    private HealthChecks() {}

    /**
     * The check for a task, or empty when it has none.
     *
     * @param account null when processes run as the executor's own user
     * @throws IllegalArgumentException when the shell command holds a reference that cannot be
     *     resolved, or the HTTP endpoint is not a path
     */
    public static Optional<HealthCheck> forTask(HealthCheckConfig config,
            Map<String, Integer> ports, Templates templates, Path sandbox,
            Map<String, String> environment, Account account) {
        Duration timeout = timeout(config);
        if (config != null && config.shell() != null) {
            String command = templates.resolve("health check", config.shell().shellCommand());
            return Optional.of(new ShellHealthCheck(command, sandbox, environment, account,
                    timeout));
        }
        Integer port = ports.get(HEALTH_PORT);
        if (port == null) {
            return Optional.empty();
        }
        HttpHealthChecker http = config != null && config.http() != null ? config.http()
                : DEFAULT_HTTP;
        return Optional.of(new HttpHealthCheck(port, http, timeout));
    }

    /** The tracker for {@code config}; Aurora's defaults when the task configures none. */
    public static HealthTracker tracker(HealthCheckConfig config) {
        return config == null ? new HealthTracker(15, 10, 0, 1)
                : new HealthTracker(config.initialIntervalSecs(), config.intervalSecs(),
                        config.maxConsecutiveFailures(), config.minConsecutiveSuccesses());
    }

    /** The interval between attempts; Aurora's 10 s when the task configures none. */
    public static Duration interval(HealthCheckConfig config) {
        double secs = config == null || config.intervalSecs() <= 0 ? 10 : config.intervalSecs();
        return Duration.ofMillis((long) (secs * 1000));
    }

    private static Duration timeout(HealthCheckConfig config) {
        double secs = config == null || config.timeoutSecs() <= 0 ? 1 : config.timeoutSecs();
        return Duration.ofMillis((long) (secs * 1000));
    }
}
