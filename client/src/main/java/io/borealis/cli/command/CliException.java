package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.cli.config.ConfigException;
import io.borealis.cli.transport.SchedulerException;

/**
 * A command failed in a way the user can act on: the message is printed as is (no stack trace
 * unless {@code --verbose}) and the process exits with {@link #exitCode()}.
 */
public final class CliException extends Exception {
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** 7 unreachable, 9 timeout, 10 refused, 30 not authorized. */
    public static CliException from(SchedulerException e) {
        ExitCode code = switch (e.failure()) {
            case UNREACHABLE -> ExitCode.NETWORK_ERROR;
            case TIMEOUT -> ExitCode.TIMEOUT;
            case REFUSED -> ExitCode.API_ERROR;
            case AUTH_FAILED -> ExitCode.AUTH_ERROR;
        };
        return new CliException(code, e.getMessage(), e);
    }

    /** 6 for a missing or wrong cluster entry, 30 for missing credentials. */
    public static CliException from(ConfigException e) {
        ExitCode code = switch (e.kind()) {
            case INVALID -> ExitCode.INVALID_PARAMETER;
            case CREDENTIALS -> ExitCode.AUTH_ERROR;
        };
        return new CliException(code, e.getMessage(), e);
    }
}
