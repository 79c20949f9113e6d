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
import java.util.LinkedHashSet;
import java.util.List;
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
    String ensureStored(Connection connection, Dialect dialect, TaskConfig config,
            Set<String> insertedNow, Set<String> deletedNow) {
        String hash = hashOf(config);
        if ((stored.contains(hash) && !deletedNow.contains(hash)) || insertedNow.contains(hash)) {
            return hash;
        }
        Jdbc.call("storing a task config", () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    dialect.upsert("task_configs", "config_hash, config_json", "config_hash"))) {
                statement.setString(1, hash);
                statement.setString(2, toJson(config));
                return statement.executeUpdate();
            }
        });
        insertedNow.add(hash);
        deletedNow.remove(hash);
        byHash.putIfAbsent(hash, config);
        return hash;
    }

    void markStored(Set<String> committedHashes) {
        stored.addAll(committedHashes);
    }

    /**
     * Deletes, in the write on {@code connection}, the configurations among {@code candidates}
     * that no task and no job refers to; returns their hashes (for {@link #forget} after commit).
     * A table that comes to refer to task_configs must be added to this check; its foreign key
     * makes a forgotten one fail the write instead of losing a configuration.
     */
    Set<String> deleteUnreferenced(Connection connection, Set<String> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<String> unreferenced = Jdbc.call("finding unreferenced task configs", () -> {
            Set<String> found = new LinkedHashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT config_hash FROM task_configs c WHERE config_hash IN "
                            + InLists.PLACEHOLDERS
                            + " AND NOT EXISTS (SELECT 1 FROM tasks t "
                            + "WHERE t.config_hash = c.config_hash) "
                            + "AND NOT EXISTS (SELECT 1 FROM jobs j "
                            + "WHERE j.config_hash = c.config_hash)")) {
                for (List<String> chunk : InLists.chunks(List.copyOf(candidates))) {
                    InLists.bind(statement, chunk);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                    }
                }
            }
            return found;
        });
        if (unreferenced.isEmpty()) {
            return unreferenced;
        }
        Jdbc.call("deleting unreferenced task configs", () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM task_configs WHERE config_hash IN " + InLists.PLACEHOLDERS)) {
                for (List<String> chunk : InLists.chunks(List.copyOf(unreferenced))) {
                    InLists.bind(statement, chunk);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
        return unreferenced;
    }

    /** After the commit that deleted them: these configurations are no longer stored. */
    void forget(Set<String> deletedHashes) {
        stored.removeAll(deletedHashes);
        deletedHashes.forEach(byHash::remove);
    }

    /**
     * Forgets which configurations are stored (a restore replaced the tables): the next write
     * that uses one stores it again. Configurations known by hash stay: a hash names one content.
     */
    void forgetAll() {
        stored.clear();
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
        // Not marked stored: a read may race a prune that deletes the row, and a write that
        // trusted a stale mark would refer to a missing configuration. The next write that uses
        // it stores it again (a MERGE) and marks it then.
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
