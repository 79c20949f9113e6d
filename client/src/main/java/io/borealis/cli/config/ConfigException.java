package io.borealis.cli.config;

/**
 * The clients' configuration cannot serve the request: no clusters file, an unknown cluster,
 * missing credentials. The message names the file and what is wrong in it.
 */
public final class ConfigException extends Exception {
    /** What kind of problem, so that callers can choose an exit status. */
    public enum Kind {
        /** The configuration is missing or does not name what was asked for. */
        INVALID,
        /** Credentials the configuration requires are missing. */
        CREDENTIALS
    }

    private final Kind kind;

    public ConfigException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
