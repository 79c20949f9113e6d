package io.borealis.observer.web;

import static java.util.Objects.requireNonNull;

import io.borealis.api.web.PageAssets;
import io.borealis.observer.checkpoint.SandboxException;
import io.borealis.observer.checkpoint.WorkDir;
import io.borealis.observer.view.TaskViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's one Jetty handler: routes GET requests by their first path segment and turns
 * refusals into error pages with the right status.
 *
 * <p>Routing works on the raw request path, split into segments and then percent-decoded one
 * segment at a time, so that {@code %2e%2e} and {@code %2F} arrive at {@link
 * io.borealis.observer.checkpoint.Sandbox#resolve} as the {@code ..} and {@code /} they stand
 * for, and are refused there. Jetty calls {@link #handle} on its worker threads, concurrently;
 * the handler keeps no per-request state. Unexpected failures are logged once at WARN and
 * answered with 500.
 */
public final class ObserverHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverHandler.class);

    /** What {@code /api/...} answers instead of a view when a request is refused. */
    record ApiError(int status, String error) {}

    private final Templates templates;
    private final TaskPages tasks;
    private final SandboxPages sandboxes;
    private final String hostname;

    public ObserverHandler(WorkDir workDir, TaskViews views, Templates templates,
            String hostname) {
        this.templates = requireNonNull(templates, "templates is null");
        this.hostname = requireNonNull(hostname, "hostname is null");
        this.tasks = new TaskPages(workDir, views, templates, hostname);
        this.sandboxes = new SandboxPages(workDir, templates, hostname);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String rawPath = request.getHttpURI().getPath();
        boolean api = rawPath != null && rawPath.startsWith("/api/");
        Reply reply;
        try {
            reply = route(request, rawPath == null ? "/" : rawPath);
        } catch (HttpError e) {
            reply = error(api, e.status(), e.getMessage());
        } catch (SandboxException e) {
            int status = switch (e.kind()) {
                case FORBIDDEN -> 403;
                case NOT_FOUND -> 404;
            };
            reply = error(api, status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("cannot answer GET {}", rawPath, e);
            reply = error(api, 500, "the observer failed to build this page: " + e);
        }
        try {
            reply.send(response, callback);
        } catch (Exception e) {
            LOG.warn("cannot send the answer to GET {}: {}", rawPath, e.toString());
            callback.failed(e);
        }
        return true;
    }

    private Reply route(Request request, String rawPath) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            throw new HttpError(405, "method " + method + " is not allowed; the observer is"
                    + " read-only and answers GET only");
        }
        List<String> segments = UrlPaths.segments(rawPath);
        String route = segments.get(0);
        List<String> args = segments.subList(1, segments.size());
        Fields query = Request.extractQueryParameters(request);
        return switch (route) {
            case "" -> args.isEmpty() ? tasks.index(query.getValue("page")) : notFound(rawPath);
            case "health" -> new Reply.Text(200, "OK\n");
            case "task" -> {
                List<String> a = exactly(args, 1, 1, rawPath, "/task/TASK_ID");
                yield tasks.task(a.get(0));
            }
            case "process" -> {
                List<String> a = exactly(args, 2, 3, rawPath, "/process/TASK_ID/PROCESS[/RUN]");
                yield tasks.process(a.get(0), a.get(1), a.size() > 2 ? a.get(2) : null);
            }
            case "browse" -> sandboxes.browse(taskId(args, rawPath), rest(args));
            case "file" -> sandboxes.file(taskId(args, rawPath), rest(args),
                    query.getValue("offset"), query.getValue("length"),
                    query.get("follow") != null);
            case "download" -> sandboxes.download(taskId(args, rawPath), rest(args));
            case "api" -> api(args, rawPath);
            case "static" -> ("/" + route + "/" + String.join("/", args))
                    .equals(PageAssets.SCRIPT_PATH)
                    ? new Reply.Script(PageAssets.PAGES_JS) : notFound(rawPath);
            default -> notFound(rawPath);
        };
    }

    private Reply api(List<String> args, String rawPath) {
        List<String> a = trimTrailingEmpty(args);
        if (a.size() == 1 && a.get(0).equals("tasks")) {
            return tasks.apiTasks();
        }
        if (a.size() == 2 && a.get(0).equals("task")) {
            return tasks.apiTask(a.get(1));
        }
        return notFound(rawPath);
    }

    private static String taskId(List<String> args, String rawPath) {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw HttpError.notFound("no task id in '" + rawPath + "'");
        }
        return args.get(0);
    }

    private static List<String> rest(List<String> args) {
        return args.subList(1, args.size());
    }

    private static List<String> exactly(List<String> args, int min, int max, String rawPath,
            String form) {
        List<String> a = trimTrailingEmpty(args);
        if (a.size() < min || a.size() > max || a.contains("")) {
            throw HttpError.notFound("no page at '" + rawPath + "'; the form is " + form);
        }
        return a;
    }

    private static List<String> trimTrailingEmpty(List<String> args) {
        List<String> a = new ArrayList<>(args);
        while (!a.isEmpty() && a.get(a.size() - 1).isEmpty()) {
            a.remove(a.size() - 1);
        }
        return a;
    }

    private static Reply notFound(String rawPath) {
        throw HttpError.notFound("no page at '" + rawPath + "'");
    }

    private Reply error(boolean api, int status, String message) {
        if (api) {
            return new Reply.Json(status, new ApiError(status, message));
        }
        Map<String, Object> model = Templates.pageModel(statusTitle(status), hostname, null);
        model.put("status", status);
        model.put("message", message);
        return new Reply.Html(status, templates.render("error", model));
    }

    private static String statusTitle(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            default -> "Error " + status;
        };
    }
}
