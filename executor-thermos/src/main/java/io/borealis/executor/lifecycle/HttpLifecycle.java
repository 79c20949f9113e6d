package io.borealis.executor.lifecycle;

import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.HttpLifecycleConfig;
import io.borealis.api.model.PortAliases;
import io.borealis.executor.runner.ShutdownLifecycle;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aurora's HTTP lifecycle for a killed task: POST each graceful-shutdown endpoint
 * ({@code /quitquitquit}) on the named port, wait up to {@code graceful_shutdown_wait_secs} for
 * the processes to end, then POST each shutdown endpoint ({@code /abortabortabort}) and wait up
 * to {@code shutdown_wait_secs}; whatever still runs then gets SIGTERM, then SIGKILL, from the
 * runner. Applies only when the task has the named port. A failed POST is logged and the
 * escalation goes on. Runner thread only.
 */
public final class HttpLifecycle implements ShutdownLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HttpLifecycle.class);
    /** Aurora's HttpSignaler timeout for lifecycle calls. */
    private static final int TIMEOUT_MILLIS = 1_000;

    private final int port;
    private final HttpLifecycleConfig config;

    private HttpLifecycle(int port, HttpLifecycleConfig config) {
        this.port = port;
        this.config = config;
    }

    /**
     * The lifecycle of {@code task}: none without an HTTP lifecycle or without its port (an
     * announcer alias counts as the port it names).
     */
    public static ShutdownLifecycle forTask(AssignedTask task) {
        HttpLifecycleConfig config = task.task().task().lifecycle();
        if (config == null) {
            return ShutdownLifecycle.NONE;
        }
        Integer port = PortAliases.resolve(task.assignedPorts(), task.task().announce())
                .get(config.port());
        return port == null ? ShutdownLifecycle.NONE : new HttpLifecycle(port, config);
    }

    @Override
    public void beforeTerminate(Exits exits) {
        if (escalate(config.gracefulShutdownEndpoints(), config.gracefulShutdownWaitSecs(),
                exits)) {
            return;
        }
        escalate(config.shutdownEndpoints(), config.shutdownWaitSecs(), exits);
    }

    /** POSTs {@code endpoints}, then waits; true when every process ended meanwhile. */
    private boolean escalate(List<String> endpoints, int waitSecs, Exits exits) {
        if (endpoints.isEmpty()) {
            return false;
        }
        endpoints.forEach(this::post);
        return exits.awaitAll(exits.now() + waitSecs * 1000L);
    }

    private void post(String endpoint) {
        String path = endpoint.startsWith("/") ? endpoint : "/" + endpoint;
        HttpURLConnection connection = null;
        try {
            URL url = new URL("http", "localhost", port, path);
            log.info("task shutdown: POST {}", url);
            connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.getOutputStream().close();
            int code = connection.getResponseCode();
            log.info("task shutdown: POST {} answered {}", url, code);
        } catch (IOException e) {
            log.info("task shutdown: POST {} on port {} failed: {}", path, port, e.toString());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
