package io.borealis.executor.health;

import io.borealis.api.model.HttpHealthChecker;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Aurora's HTTP health check: {@code GET http://localhost:PORT/ENDPOINT} on the task's
 * {@code health} port. Healthy when the answer arrives within the timeout, its code is the
 * expected one (any 2xx when the expected code is 0), and its body, trimmed and compared without
 * regard to case, is the expected response (any body when that is empty).
 * {@link HttpURLConnection} rather than {@code java.net.http}: it starts no threads and loads far
 * fewer classes, which counts in an executor that runs beside every task.
 */
public final class HttpHealthCheck implements HealthCheck {
    private final URL url;
    private final String expectedResponse;
    private final int expectedCode;
    private final int timeoutMillis;

    public HttpHealthCheck(int port, HttpHealthChecker config, Duration timeout) {
        String endpoint = config.endpoint().startsWith("/") ? config.endpoint()
                : "/" + config.endpoint();
        try {
            this.url = new URL("http", "localhost", port, endpoint);
        } catch (IOException e) {
            throw new IllegalArgumentException("health check endpoint '" + config.endpoint()
                    + "' is not a valid URL path", e);
        }
        this.expectedResponse = config.expectedResponse().trim().toLowerCase(Locale.ROOT);
        this.expectedCode = config.expectedResponseCode();
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    @Override
    public String describe() {
        return "GET " + url;
    }

    @Override
    public Result check() {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setUseCaches(false);
            int code = connection.getResponseCode();
            String body;
            try (InputStream in = code < 400 ? connection.getInputStream()
                    : connection.getErrorStream()) {
                body = in == null ? "" : new String(in.readNBytes(64 * 1024),
                        StandardCharsets.UTF_8);
            }
            boolean codeOk = expectedCode == 0 ? code >= 200 && code < 300 : code == expectedCode;
            if (!codeOk) {
                return Result.failed(describe() + " answered " + code + ", expected "
                        + (expectedCode == 0 ? "2xx" : Integer.toString(expectedCode)));
            }
            String answer = body.trim().toLowerCase(Locale.ROOT);
            if (!expectedResponse.isEmpty() && !answer.equals(expectedResponse)) {
                return Result.failed(describe() + " answered '" + abbreviate(body.trim())
                        + "', expected '" + expectedResponse + "'");
            }
            return Result.OK;
        } catch (IOException e) {
            return Result.failed(describe() + " failed: " + e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
