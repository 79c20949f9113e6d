package io.borealis.cli.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * BASIC credentials from a netrc file ({@code machine HOST login USER password PW}, plus an
 * optional {@code default} entry): {@code $BOREALIS_NETRC}, else {@code ~/.netrc}.
 */
public final class Netrc {
    private Netrc() {}

    /** A login and password. */
    public record Credentials(String login, String password) {
        public Credentials {
            requireNonNull(login, "login is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "Credentials[login=" + login + ", password=***]";
        }
    }

    public static Path location(CliEnvironment environment) {
        return environment.variable("BOREALIS_NETRC").map(Path::of)
                .orElse(environment.home().resolve(".netrc"));
    }

    /** The credentials for {@code host}; fails naming the file when there are none. */
    public static Credentials credentials(CliEnvironment environment, String host)
            throws ConfigException {
        Path file = location(environment);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(ConfigException.Kind.CREDENTIALS, "no credentials for "
                    + host + ": " + file + " does not exist (set BOREALIS_NETRC to use another)");
        }
        try {
            return find(Files.readString(file), host).orElseThrow(() -> new ConfigException(
                    ConfigException.Kind.CREDENTIALS, "no credentials for " + host + " in "
                            + file));
        } catch (IOException e) {
            throw new ConfigException(ConfigException.Kind.CREDENTIALS, "cannot read " + file
                    + ": " + e.getMessage());
        }
    }

    static Optional<Credentials> find(String text, String host) {
        List<String> tokens = List.of(text.trim().split("\\s+"));
        Credentials fallback = null;
        for (int i = 0; i < tokens.size(); i++) {
            boolean machine = tokens.get(i).equals("machine") && i + 1 < tokens.size();
            boolean isDefault = tokens.get(i).equals("default");
            if (!machine && !isDefault) {
                continue;
            }
            String name = machine ? tokens.get(i + 1) : null;
            String login = null;
            String password = null;
            int j = machine ? i + 2 : i + 1;
            for (; j + 1 < tokens.size() && !tokens.get(j).equals("machine")
                    && !tokens.get(j).equals("default"); j += 2) {
                switch (tokens.get(j)) {
                    case "login" -> login = tokens.get(j + 1);
                    case "password" -> password = tokens.get(j + 1);
                    default -> { }
                }
            }
            if (login != null && password != null) {
                Credentials found = new Credentials(login, password);
                if (host.equals(name)) {
                    return Optional.of(found);
                }
                if (isDefault) {
                    fallback = found;
                }
            }
            i = j - 1;
        }
        return Optional.ofNullable(fallback);
    }
}
