package io.borealis.api.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an HTTP request body with a size limit, for every server of the Thrift API (scheduler,
 * agent): a body declared longer than the limit is refused before a byte of it is read, and one
 * of unknown length (chunked) as soon as it passes the limit, so a hostile client cannot make
 * the server hold more than the limit in memory.
 */
public final class RequestBodies {
    /** Default limit of {@code --max-request-size}: 4 MiB. */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private RequestBodies() {}

    /** A body longer than the limit; its message names both (answer it 413). */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * The body, at most {@code maxBytes} long.
     *
     * @param declaredLength the Content-Length, or -1 when unknown
     * @throws TooLarge when the body is (or is declared) longer than {@code maxBytes}
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes)
            throws IOException, TooLarge {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength + " bytes", maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(declaredLength, 1024), maxBytes));
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static TooLarge tooLarge(String size, long maxBytes) {
        return new TooLarge("request body of " + size + " is larger than the limit of "
                + maxBytes + " bytes (" + (maxBytes / 1024) + " KiB; --max-request-size)");
    }
}
