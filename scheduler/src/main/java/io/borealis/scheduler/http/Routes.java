package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.borealis.api.web.PageAssets;
import io.borealis.scheduler.auth.Security;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Every route of the scheduler. Handlers run on Jetty's threads and may block (storage reads,
 * Thrift calls). An unknown path gets 404 with a body naming it; a bad query parameter 400
 * naming it.
 */
public final class Routes extends Handler.Abstract {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";

    private final ApiEndpoint api;
    private final Security pagesLogin;
    private final OverviewPages overview;
    private final JobPages jobs;

    /**
     * @param pagesLogin who may see the pages ({@code --pages-require-login}): {@link
     *     Security#open()} for everyone; {@code /health} and {@code /leaderhealth} stay open
     */
    public Routes(ApiEndpoint api, Security pagesLogin, PageSources sources) {
        this.api = requireNonNull(api, "api is null");
        this.pagesLogin = requireNonNull(pagesLogin, "pagesLogin is null");
        Pages pages = new Pages(sources.cluster());
        this.overview = new OverviewPages(sources, pages);
        this.jobs = new JobPages(sources, pages);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/api")) {
            if (!method.equals("POST")) {
                send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, TEXT,
                        "/api takes Thrift requests by POST\n");
            } else {
                api.handle(request, response, callback);
            }
            return true;
        }
        if (!path.equals("/health") && !path.equals("/leaderhealth")) {
            Security.Authentication login = pagesLogin.authenticate(
                    request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (login.caller() == null) {
                ApiEndpoint.challenge(response, callback, login.failure());
                return true;
            }
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, TEXT,
                    method + " is not allowed on " + path + "\n");
            return true;
        }
        switch (path) {
            case "/health", "/leaderhealth" -> send(response, callback, 200, TEXT, "OK\n");
            case "/scheduler", "/scheduler/" ->
                    send(response, callback, 200, HTML, overview.roles());
            case "/agents" -> send(response, callback, 200, HTML, overview.agents());
            case "/quotas" -> send(response, callback, 200, HTML, overview.quotas());
            case "/maintenance" -> send(response, callback, 200, HTML, overview.maintenance());
            case PageAssets.SCRIPT_PATH -> send(response, callback, 200, SCRIPT,
                    PageAssets.PAGES_JS);
            default -> page(request, path, response, callback);
        }
        return true;
    }

    private void page(Request request, String path, Response response, Callback callback) {
        List<String> parts = path.startsWith("/scheduler/")
                ? List.of(path.substring("/scheduler/".length()).split("/", -1)) : List.of();
        Optional<JobKey> key = parts.size() >= 3 ? jobKey(parts) : Optional.empty();
        if (parts.size() == 1 && !parts.get(0).isEmpty()) {
            send(response, callback, 200, HTML, overview.role(parts.get(0)));
        } else if (parts.size() == 3 && key.isPresent()) {
            Fields query = Request.extractQueryParameters(request);
            JobFilter filter;
            try {
                filter = JobFilter.parse(query.getValue("state"), query.getValue("page"));
            } catch (IllegalArgumentException e) {
                send(response, callback, 400, TEXT, e.getMessage() + "\n");
                return;
            }
            send(response, callback, 200, HTML, jobs.job(key.get(), filter));
        } else if (parts.size() == 5 && key.isPresent() && parts.get(3).equals("update")) {
            Optional<String> page = jobs.update(key.get(), parts.get(4));
            if (page.isPresent()) {
                send(response, callback, 200, HTML, page.get());
            } else {
                send(response, callback, 404, TEXT, "no update " + parts.get(4) + " of job "
                        + key.get() + "\n");
            }
        } else if (parts.size() == 3) {
            send(response, callback, 404, TEXT, "no such job: " + path + "\n");
        } else {
            send(response, callback, 404, TEXT, "no such page: " + path + "\n");
        }
    }

    private static Optional<JobKey> jobKey(List<String> parts) {
        try {
            return Optional.of(new JobKey(parts.get(0), parts.get(1), parts.get(2)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void send(Response response, Callback callback, int status, String type,
            String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        if (type.equals(HTML)) {
            response.getHeaders().put("Content-Security-Policy",
                    PageAssets.CONTENT_SECURITY_POLICY);
        }
        Content.Sink.write(response, true, body, callback);
    }
}
