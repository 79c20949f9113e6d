package io.borealis.executor.launch.docker;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where the Docker engine is and how images are fetched, read from the executor's environment
 * (which the agent passes on from its own).
 *
 * <ul>
 *   <li>{@code DOCKER_HOST}: the engine's endpoint, default {@code unix:///var/run/docker.sock}
 *       (Podman: {@code unix:///PATH/podman.sock}). The engine must run on this host: the sandbox
 *       is bind-mounted from the host's file system.
 *   <li>{@code BOREALIS_DOCKER_PULL}: {@code missing} (default) pulls an image the engine does not
 *       hold before giving up; {@code never} fails at once.
 *   <li>{@code BOREALIS_DOCKER_PULL_TIMEOUT_SECS}: how long a pull may take, default 300.
 * </ul>
 */
public record DockerSettings(URI host, PullPolicy pull, Duration pullTimeout) {
    public static final String HOST_VARIABLE = "DOCKER_HOST";
    public static final String PULL_VARIABLE = "BOREALIS_DOCKER_PULL";
    public static final String PULL_TIMEOUT_VARIABLE = "BOREALIS_DOCKER_PULL_TIMEOUT_SECS";
    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);

    /** Whether an image that is not on the host is pulled. */
    public enum PullPolicy { MISSING, NEVER }

    public DockerSettings {
        requireNonNull(host, "host is null");
        requireNonNull(pull, "pull is null");
        requireNonNull(pullTimeout, "pullTimeout is null");
    }

    /**
     * Reads the settings from {@code environment}.
     *
     * @throws IllegalArgumentException naming the variable and its value, if one is malformed
     */
    public static DockerSettings fromEnvironment(Map<String, String> environment) {
        String host = environment.get(HOST_VARIABLE);
        URI uri = DEFAULT_HOST;
        if (host != null && !host.isBlank()) {
            try {
                uri = new URI(host.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(HOST_VARIABLE + " '" + host
                        + "' is not a URI such as unix:///var/run/docker.sock");
            }
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException(HOST_VARIABLE + " '" + host
                        + "' has no scheme; use unix:///PATH or tcp://HOST:PORT");
            }
        }
        return new DockerSettings(uri, pullPolicy(environment.get(PULL_VARIABLE)),
                pullTimeout(environment.get(PULL_TIMEOUT_VARIABLE)));
    }

    private static PullPolicy pullPolicy(String value) {
        if (value == null || value.isBlank()) {
            return PullPolicy.MISSING;
        }
        try {
            return PullPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PULL_VARIABLE + " '" + value
                    + "' is not one of: missing, never");
        }
    }

    private static Duration pullTimeout(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PULL_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PULL_TIMEOUT_VARIABLE + " '" + value
                + "' is not a positive number of seconds");
    }
}
