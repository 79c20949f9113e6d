package io.borealis.scheduler.maintenance;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.borealis.api.json.Json;
import io.borealis.api.model.CoordinatorSlaPolicy;
import io.borealis.scheduler.storage.Task;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aurora's coordinator protocol: {@code POST <coordinatorUrl>?task=CLUSTER/ROLE/ENV/NAME/INSTANCE}
 * with the JSON body {@code {"forceMaintenanceCountdownMs": N, "task": "<task id>",
 * "taskConfig": {...}}}; a 200 answer whose JSON object has {@code "<statusKey>": true} allows
 * the drain. Anything else (another status, another value, no answer within the timeout, an
 * answer over 64 KB) refuses it for this round. Coordinators must tolerate being asked again.
 * Thread-safe.
 */
public final class HttpCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCoordinator.class);
    private static final int MAX_ANSWER = 64 * 1024;

    private final HttpClient http;
    private final String cluster;
    private final Duration timeout;
    private final ObjectMapper json = Json.mapper();

    public HttpCoordinator(String cluster, Duration timeout) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean allows(CoordinatorSlaPolicy policy, Task task, long forceCountdownMs) {
        String instance = cluster + "/" + task.jobKey() + "/" + task.instanceId();
        try {
            URI uri = URI.create(policy.coordinatorUrl() + (policy.coordinatorUrl().contains("?")
                    ? "&" : "?") + "task=" + URLEncoder.encode(instance, StandardCharsets.UTF_8));
            ObjectNode body = json.createObjectNode();
            body.put("forceMaintenanceCountdownMs", forceCountdownMs);
            body.put("task", task.id().value());
            body.set("taskConfig", json.valueToTree(task.config()));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            HttpResponse<byte[]> response =
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_ANSWER) {
                LOG.warn("SLA coordinator {} answered HTTP {} ({} bytes) for {}; not draining "
                        + "it this round", policy.coordinatorUrl(), response.statusCode(),
                        response.body().length, instance);
                return false;
            }
            JsonNode answer = json.readTree(response.body());
            return answer != null && answer.path(policy.statusKey()).isBoolean()
                    && answer.path(policy.statusKey()).booleanValue();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("SLA coordinator {} could not be asked about {}: {}; not draining it this "
                    + "round", policy.coordinatorUrl(), instance, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
