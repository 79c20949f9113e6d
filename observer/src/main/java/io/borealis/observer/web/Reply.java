package io.borealis.observer.web;

import static java.util.Objects.requireNonNull;

import io.borealis.api.web.PageAssets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What a page answers. {@link #send} writes it to a Jetty response and completes the callback
 * exactly once, on success or failure.
 */
sealed interface Reply {
    void send(Response response, Callback callback) throws IOException;

    /** A rendered HTML page. */
    record Html(int status, String body) implements Reply {
        public Html {
            requireNonNull(body, "body is null");
        }

        @Override
        public void send(Response response, Callback callback) {
            response.getHeaders().put("Content-Security-Policy",
                    PageAssets.CONTENT_SECURITY_POLICY);
            sendText(response, callback, status, "text/html; charset=utf-8", body);
        }
    }

    /** The pages' shared script ({@link PageAssets#PAGES_JS}). */
    record Script(String body) implements Reply {
        public Script {
            requireNonNull(body, "body is null");
        }

        @Override
        public void send(Response response, Callback callback) {
            sendText(response, callback, 200, "text/javascript; charset=utf-8", body);
        }
    }

    /** Plain text, such as {@code OK} from {@code /health}. */
    record Text(int status, String body) implements Reply {
        public Text {
            requireNonNull(body, "body is null");
        }

        @Override
        public void send(Response response, Callback callback) {
            sendText(response, callback, status, "text/plain; charset=utf-8", body);
        }
    }

    /** A view record serialised by the shared Jackson mapper. */
    record Json(int status, Object value) implements Reply {
        @Override
        public void send(Response response, Callback callback) throws IOException {
            String body = io.borealis.api.json.Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(value);
            sendText(response, callback, status, "application/json", body + "\n");
        }
    }

    /** A temporary redirect to a path on this server. */
    record Redirect(String location) implements Reply {
        public Redirect {
            requireNonNull(location, "location is null");
        }

        @Override
        public void send(Response response, Callback callback) {
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, location);
            response.write(true, ByteBuffer.allocate(0), callback);
        }
    }

    /** The raw bytes of a file, as a download named {@code name}. */
    record Download(Path file, String name) implements Reply {
        public Download {
            requireNonNull(file, "file is null");
            requireNonNull(name, "name is null");
        }

        @Override
        public void send(Response response, Callback callback) throws IOException {
            long size = Files.size(file);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + name.replaceAll("[\"\\\\\\p{Cntrl}]", "_") + "\"");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
            // Send exactly the bytes that were there when the length was taken: logs grow.
            Content.copy(Content.Source.from(file, 0, size), response, callback);
        }
    }

    private static void sendText(Response response, Callback callback, int status,
            String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
