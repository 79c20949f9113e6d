package io.borealis.cli.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The environment variables and home directory the clients read their configuration from. */
public record CliEnvironment(Map<String, String> variables, Path home) {
    public CliEnvironment {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        requireNonNull(home, "home is null");
    }

    /** This process's environment and {@code user.home}. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
