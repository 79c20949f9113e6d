package io.borealis.observer.checkpoint;

import static java.util.Objects.requireNonNull;

/**
 * A sandbox path that may not or cannot be served. The message names the path and says why, in
 * words fit for the person who asked.
 */
public final class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the path is refused. */
    public enum Kind {
        /** The path would leave the sandbox (or is malformed in a way that could). */
        FORBIDDEN,
        /** The path stays inside the sandbox but nothing is there. */
        NOT_FOUND
    }

    private final Kind kind;

    public SandboxException(Kind kind, String message) {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }
}
