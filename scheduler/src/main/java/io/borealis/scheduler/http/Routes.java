package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.auth.Security;
import io.borealis.scheduler.maintenance.HostOverview;
import io.borealis.scheduler.state.PendingReasons;
import io.borealis.scheduler.state.ScheduledTasks;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every route of the scheduler. Handlers run on Jetty's threads and may block (storage reads,
 * Thrift calls). An unknown path gets 404 with a body naming it.
 */
public final class Routes extends Handler.Abstract {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final List<TaskStatus> ACTIVE =
            Stream.of(TaskStatus.values()).filter(TaskStatus::isActive).toList();

    private final ApiEndpoint api;
    private final Security pagesLogin;
    private final Storage storage;
    private final TaskUsageCache usages;
    private final PendingReasons reasons;
    private final Pages pages;
    private final Supplier<List<HostOverview>> maintenance;
    private final Clock clock;

    /**
     * @param pagesLogin who may see the pages ({@code --pages-require-login}): {@link
     *     Security#open()} for everyone; {@code /health} and {@code /leaderhealth} stay open
     * @param maintenance the hosts in maintenance, for {@code /maintenance}
     */
    public Routes(ApiEndpoint api, Security pagesLogin, Storage storage, TaskUsageCache usages,
            PendingReasons reasons, String cluster, Supplier<List<HostOverview>> maintenance,
            Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.api = requireNonNull(api, "api is null");
        this.pagesLogin = requireNonNull(pagesLogin, "pagesLogin is null");
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
        return pages.role(role, jobs, activeByJob, clock.instant());
    }

    private static void send(Response response, Callback callback, int status, String type,
            String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
    }
}
