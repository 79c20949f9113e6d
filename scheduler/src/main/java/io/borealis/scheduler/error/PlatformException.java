package io.borealis.scheduler.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception the scheduler throws at its callers. The message is shown to users as is, so
 * it is a stable sentence naming the problem (for example {@code job a/b/c already exists}).
 */
public final class PlatformException extends RuntimeException {
    private final ErrorCode code;

    public PlatformException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public PlatformException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }

    public static PlatformException invalid(String message) {
        return new PlatformException(ErrorCode.INVALID_REQUEST, message);
    }
}
