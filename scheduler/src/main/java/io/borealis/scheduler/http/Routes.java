package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.rpc.ThriftHttp;
import io.borealis.scheduler.maintenance.HostOverview;
import io.borealis.scheduler.state.PendingReasons;
import io.borealis.scheduler.state.ScheduledTasks;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.Storage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the scheduler. Handlers run on Jetty's threads and may block (storage reads,
 * Thrift calls). An unknown path gets 404 with a body naming it.
 */
public final class Routes extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final List<TaskStatus> ACTIVE =
            Stream.of(TaskStatus.values()).filter(TaskStatus::isActive).toList();

    private final TProcessor api;
    private final Storage storage;
    private final TaskUsageCache usages;
    private final PendingReasons reasons;
    private final Pages pages;
    private final Supplier<List<HostOverview>> maintenance;

    /** @param maintenance the hosts in maintenance, for {@code /maintenance} */
    public Routes(TProcessor api, Storage storage, TaskUsageCache usages, PendingReasons reasons,
            String cluster, Supplier<List<HostOverview>> maintenance) {
        this.api = requireNonNull(api, "api is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.usages = requireNonNull(usages, "usages is null");
        this.reasons = requireNonNull(reasons, "reasons is null");
        this.pages = new Pages(requireNonNull(cluster, "cluster is null"));
        this.maintenance = requireNonNull(maintenance, "maintenance is null");
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
                api(request, response, callback);
            }
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, TEXT,
                    method + " is not allowed on " + path + "\n");
            return true;
        }
        switch (path) {
            case "/health", "/leaderhealth" -> send(response, callback, 200, TEXT, "OK\n");
            case "/scheduler", "/scheduler/" -> send(response, callback, 200, HTML, roles());
            case "/agents" -> send(response, callback, 200, HTML,
                    pages.agents(storage.read(store -> store.agents().fetchAll())));
            case "/maintenance" -> send(response, callback, 200, HTML,
                    pages.maintenance(maintenance.get()));
            default -> page(path, response, callback);
        }
        return true;
    }

    private void page(String path, Response response, Callback callback) {
        List<String> parts = path.startsWith("/scheduler/")
                ? List.of(path.substring("/scheduler/".length()).split("/", -1)) : List.of();
        if (parts.size() == 1 && !parts.get(0).isEmpty()) {
            String role = parts.get(0);
            send(response, callback, 200, HTML, role(role));
        } else if (parts.size() == 3) {
            Optional<JobKey> key = jobKey(parts);
            if (key.isPresent()) {
                send(response, callback, 200, HTML, job(key.get()));
            } else {
                send(response, callback, 404, TEXT, "no such job: " + path + "\n");
            }
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

    private String roles() {
        Map<String, Integer> counts = new TreeMap<>();
        for (JobConfiguration job : storage.read(store -> store.jobs().fetchAll())) {
            counts.merge(job.key().role(), 1, Integer::sum);
        }
        return pages.roles(counts);
    }

    private String job(JobKey key) {
        Optional<JobConfiguration> job = storage.read(store -> store.jobs().fetch(key));
        List<ScheduledTask> tasks = ScheduledTasks.query(storage, new TaskQuery(key.role(),
                key.environment(), key.name(), null, null, null, null, null, null, null), usages,
                reasons);
        return pages.job(key, job, tasks);
    }

    private String role(String role) {
        List<JobConfiguration> jobs = storage.read(store -> store.jobs().fetchByRole(role));
        List<ScheduledTask> active = ScheduledTasks.query(storage, new TaskQuery(role, null, null,
                null, EnumSet.copyOf(ACTIVE), null, null, null, null, null), usages);
        Map<JobKey, Long> activeByJob = active.stream().collect(Collectors.groupingBy(
                t -> t.assignedTask().task().job(), Collectors.counting()));
        return pages.role(role, jobs, activeByJob);
    }

    private void api(Request request, Response response, Callback callback) {
        ThriftHttp.Reply reply;
        try (InputStream in = Content.Source.asInputStream(request)) {
            reply = ThriftHttp.handle(api, in);
        } catch (TException | java.io.IOException | RuntimeException e) {
            // Only a malformed request gets here: handlers map their own failures to Responses.
            LOG.warn("bad Thrift request: {}", e.toString());
            send(response, callback, HttpStatus.BAD_REQUEST_400, TEXT,
                    "bad Thrift request: " + e.getMessage() + "\n");
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.wire().contentType());
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            reply.writeTo(out);
            callback.succeeded();
        } catch (java.io.IOException e) {
            // The caller went away while the reply was written; nothing to tell it.
            callback.failed(e);
        }
    }

    private static void send(Response response, Callback callback, int status, String type,
            String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
    }
}
