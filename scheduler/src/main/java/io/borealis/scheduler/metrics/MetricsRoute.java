package io.borealis.scheduler.metrics;

import static java.util.Objects.requireNonNull;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: every meter in Prometheus text format (version 0.0.4), in front of the
 * scheduler's other routes, which get every other request. Needs no login, as scrapers expect.
 */
public final class MetricsRoute extends Handler.Wrapper {
    /** The content type of Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final SchedulerMetrics metrics;

    public MetricsRoute(SchedulerMetrics metrics, Handler routes) {
        super(requireNonNull(routes, "routes is null"));
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (!Request.getPathInContext(request).equals("/metrics")
                || !(method.equals("GET") || method.equals("HEAD"))) {
            return super.handle(request, response, callback);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        Content.Sink.write(response, true, method.equals("HEAD") ? "" : metrics.scrape(),
                callback);
        return true;
    }
}
