package io.borealis.cli.command;

/** The clients' exit statuses, Aurora's (spec/cli.md). */
public enum ExitCode {
    OK(0),
    INVALID_CONFIGURATION(3),
    COMMAND_FAILURE(4),
    INVALID_COMMAND(5),
    INVALID_PARAMETER(6),
    NETWORK_ERROR(7),
    TIMEOUT(9),
    API_ERROR(10),
    UNKNOWN_ERROR(20),
    AUTH_ERROR(30),
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
