package io.borealis.cli.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import io.borealis.api.rpc.NetrcFile;
import java.nio.file.Path;
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
        return NetrcFile.find(NetrcFile.parse(text), host, null)
                .map(entry -> new Credentials(entry.login(), entry.password()));
    }
}
