package io.borealis.executor.launch.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.borealis.api.json.Json;
import java.time.Duration;

/**
 * Connects docker-java to the engine named by {@link DockerSettings}, and turns the engine's
 * errors into the short reason users read. Stateless.
 */
public final class DockerEngine {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private DockerEngine() {}

    /**
     * A client for the engine. Nothing is sent until the first command. The caller closes it.
     * Responses have no time limit: an attached {@code exec} lasts as long as its process.
     */
    public static DockerClient connect(DockerSettings settings) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host().toString())
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(256)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * The engine's own message for a failed request: the {@code message} field of the JSON body
     * when there is one (Docker and Podman both send {@code {"message": ...}}), else the
     * exception's message.
     */
    public static String reason(Throwable error) {
        String message = error.getMessage();
        if (message == null) {
            return error.getClass().getSimpleName();
        }
        if (error instanceof DockerException) {
            int json = message.indexOf('{');
            if (json >= 0) {
                try {
                    JsonNode body = Json.mapper().readTree(message.substring(json));
                    if (body.hasNonNull("message")) {
                        return body.get("message").asText();
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // not JSON after all: the whole message is the reason
                }
            }
        }
        return message.strip();
    }
}
