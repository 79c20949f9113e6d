package io.borealis.scheduler.storage.h2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import io.borealis.api.json.Json;
import io.borealis.api.model.TaskConfig;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Task configurations stored once per content: the key is the SHA-256 of the configuration's
 * JSON ({@link Json}). Keeps every configuration read or written in memory, so that tasks loaded
 * from the database share one {@link TaskConfig} object per distinct configuration. Thread-safe.
 */
final class TaskConfigs {
    /** Hashes of objects already hashed, by identity (weak keys compare with ==). */
    private final Cache<TaskConfig, String> hashes = CacheBuilder.newBuilder().weakKeys().build();
    private final Map<String, TaskConfig> byHash = new ConcurrentHashMap<>();
    /** Hashes known to be in the database (committed). */
    private final Set<String> stored = ConcurrentHashMap.newKeySet();

    String hashOf(TaskConfig config) {
        try {
            return hashes.get(config, () -> Hashing.sha256()
                    .hashString(toJson(config), StandardCharsets.UTF_8).toString());
        } catch (ExecutionException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "cannot hash task config", e);
        }
    }

    /**
     * Stores {@code config} in the write transaction on {@code connection} unless it is there;
     * returns its hash and whether this call inserted it (so the caller can mark it stored after
     * commit with {@link #markStored}).
     */
    String ensureStored(Connection connection, TaskConfig config, Set<String> insertedNow) {
        String hash = hashOf(config);
        if (stored.contains(hash) || insertedNow.contains(hash)) {
            return hash;
        }
        Jdbc.call("storing a task config", () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "MERGE INTO task_configs (config_hash, config_json) KEY (config_hash) "
                            + "VALUES (?, ?)")) {
                statement.setString(1, hash);
                statement.setString(2, toJson(config));
                return statement.executeUpdate();
            }
        });
        insertedNow.add(hash);
        byHash.putIfAbsent(hash, config);
        return hash;
    }

    void markStored(Set<String> committedHashes) {
        stored.addAll(committedHashes);
    }

    /** The configuration with {@code hash}, from memory or the database. */
    TaskConfig load(Connection connection, String hash) {
        TaskConfig known = byHash.get(hash);
        if (known != null) {
            return known;
        }
        String json = Jdbc.call("reading a task config", () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT config_json FROM task_configs WHERE config_hash = ?")) {
                statement.setString(1, hash);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new PlatformException(ErrorCode.INTERNAL,
                                "task config " + hash + " is missing");
                    }
                    return rows.getString(1);
                }
            }
        });
        TaskConfig config = fromJson(json);
        TaskConfig winner = byHash.putIfAbsent(hash, config);
        TaskConfig shared = winner == null ? config : winner;
        hashes.put(shared, hash);
        stored.add(hash);
        return shared;
    }

    static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    static <T> T fromJson(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot read stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static TaskConfig fromJson(String json) {
        return fromJson(json, TaskConfig.class);
    }
}
