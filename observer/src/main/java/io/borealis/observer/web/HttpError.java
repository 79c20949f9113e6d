package io.borealis.observer.web;

/**
 * A request that cannot be answered as asked: {@code status} is the HTTP status and the message
 * says, for the person who asked, what was wrong with the request.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }
}
