package io.borealis.observer.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Percent-encoding and -decoding of URL path segments (RFC 3986), for links and routing. */
final class UrlPaths {
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private UrlPaths() {}

    /** Encodes one segment: everything but unreserved characters becomes {@code %XX}. */
    static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Encodes each {@code /}-separated segment of {@code path}, keeping the separators. */
    static String encodePath(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encodeSegment(segments[i]));
        }
        return out.toString();
    }

    /**
     * Splits a raw (still encoded) request path into decoded segments. {@code /a/b%2Fc} gives
     * {@code ["a", "b/c"]}: an encoded slash stays inside its segment, where the sandbox refuses
     * it.
     *
     * @throws HttpError 400 when a segment holds a malformed escape
     */
    static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            try {
                // '+' is a literal plus in a path; URLDecoder would turn it into a space.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("malformed percent-escape in path segment '" + raw + "'");
            }
        }
        return segments;
    }
}
