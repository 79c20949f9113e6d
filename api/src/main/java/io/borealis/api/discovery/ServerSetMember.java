package io.borealis.api.discovery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One member of a ServerSet, as Aurora (and Finagle, Kazoo) wrote it into a member znode:
 * <pre>
 * {"serviceEndpoint": {"host": "h1", "port": 8081},
 *  "additionalEndpoints": {"http": {"host": "h1", "port": 8081}},
 *  "status": "ALIVE", "shard": 0}
 * </pre>
 * The leading scheduler names its scheme by the additional endpoint it announces ({@code http}
 * or {@code https}, Aurora's {@code -serverset_endpoint_name}); a task's instance number is its
 * {@code shard}.
 *
 * @param serviceEndpoint where the member serves its primary port
 * @param additionalEndpoints every named port, aliases included
 * @param status {@code ALIVE} for every member we announce
 * @param shard the task's instance number; null for schedulers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerSetMember(
        Endpoint serviceEndpoint,
        Map<String, Endpoint> additionalEndpoints,
        String status,
        Integer shard) {
    public static final String ALIVE = "ALIVE";

    public ServerSetMember {
        requireNonNull(serviceEndpoint, "serviceEndpoint is null");
        additionalEndpoints = Map.copyOf(requireNonNull(additionalEndpoints,
                "additionalEndpoints is null"));
        requireNonNull(status, "status is null");
    }

    /** A host and port. */
    public record Endpoint(String host, int port) {
        public Endpoint {
            requireNonNull(host, "host is null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
        }
    }

    /**
     * The URL a scheduler member announces: {@code https://HOST:PORT} when it names an
     * {@code https} endpoint, else {@code http://} and its service endpoint.
     */
    public String url() {
        Endpoint https = additionalEndpoints.get("https");
        if (https != null) {
            return "https://" + https.host() + ":" + https.port();
        }
        return "http://" + serviceEndpoint.host() + ":" + serviceEndpoint.port();
    }

    public byte[] toJson() {
        try {
            return Json.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a ServerSet member: " + e, e);
        }
    }

    /** Reads a member znode's data; fails naming what is wrong with it. */
    public static ServerSetMember parse(byte[] json) {
        try {
            return Json.mapper().readValue(json, ServerSetMember.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a ServerSet member: '"
                    + new String(json, StandardCharsets.UTF_8) + "': " + e.getMessage(), e);
        }
    }
}
