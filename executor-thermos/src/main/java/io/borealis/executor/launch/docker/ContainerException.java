package io.borealis.executor.launch.docker;

/**
 * A task's container could not be set up: the message is the reason the task fails with, and
 * carries the engine's own words (for example {@code no such image: ...}).
 */
public final class ContainerException extends Exception {
    private static final long serialVersionUID = 1L;

    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
