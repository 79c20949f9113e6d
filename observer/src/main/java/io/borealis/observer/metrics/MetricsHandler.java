package io.borealis.observer.metrics;

import static java.util.Objects.requireNonNull;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of the observer's routes: serves {@code GET /metrics} (Prometheus text format 0.0.4)
 * and times every request, {@code /metrics} included, by method and the status it got.
 */
public final class MetricsHandler extends Handler.Wrapper {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ObserverMetrics metrics;

    public MetricsHandler(ObserverMetrics metrics, Handler routes) {
        super(requireNonNull(routes, "routes is null"));
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        Callback timed = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record();
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                record();
                super.failed(failure);
            }

            private void record() {
                metrics.request(request.getMethod(), response.getStatus(),
                        System.nanoTime() - started);
            }
        };
        String method = request.getMethod();
        if (Request.getPathInContext(request).equals("/metrics")
                && (method.equals("GET") || method.equals("HEAD"))) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
            Content.Sink.write(response, true, method.equals("HEAD") ? "" : metrics.scrape(),
                    timed);
            return true;
        }
        return super.handle(request, response, timed);
    }
}
