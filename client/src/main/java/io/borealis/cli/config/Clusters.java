package io.borealis.cli.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.borealis.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The clusters a client knows, read from the first {@code clusters.json} found in
 * {@code $BOREALIS_CONFIG_ROOT}, {@code ~/.borealis/}, {@code /etc/borealis/}. The file holds a
 * list of entries (a single entry object is accepted too). Immutable once loaded.
 */
public final class Clusters {
    static final String FILE_NAME = "clusters.json";

    private final Path file;
    private final Map<String, ClusterConfig> byName;

    private Clusters(Path file, Map<String, ClusterConfig> byName) {
        this.file = file;
        this.byName = byName;
    }

    /** Finds and reads the clusters file; fails naming every place looked in. */
    public static Clusters load(CliEnvironment environment) throws ConfigException {
        List<Path> candidates = candidates(environment);
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        throw new ConfigException(ConfigException.Kind.INVALID, "no " + FILE_NAME
                + " found; looked in " + candidates);
    }

    static List<Path> candidates(CliEnvironment environment) {
        List<Path> candidates = new ArrayList<>();
        environment.variable("BOREALIS_CONFIG_ROOT")
                .ifPresent(root -> candidates.add(Path.of(root).resolve(FILE_NAME)));
        candidates.add(environment.home().resolve(".borealis").resolve(FILE_NAME));
        candidates.add(Path.of("/etc/borealis").resolve(FILE_NAME));
        return candidates;
    }

    static Clusters read(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, "cannot read " + file + ": "
                    + e.getMessage());
        }
        List<JsonNode> entries = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(entries::add);
        } else if (root != null && root.isObject()) {
            entries.add(root);
        } else {
            throw new ConfigException(ConfigException.Kind.INVALID, file
                    + ": expected a list of clusters");
        }
        Map<String, ClusterConfig> byName = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ClusterConfig cluster = entry(file, i, entries.get(i));
            byName.put(cluster.name(), cluster);
        }
        return new Clusters(file, byName);
    }

    private static ClusterConfig entry(Path file, int index, JsonNode node)
            throws ConfigException {
        String where = file + ": entry " + index;
        String name = text(node, "name");
        if (name == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, where + " has no 'name'");
        }
        String mechanism = Optional.ofNullable(text(node, "auth_mechanism"))
                .orElse(AuthMechanism.UNAUTHENTICATED.name());
        AuthMechanism auth;
        try {
            auth = AuthMechanism.valueOf(mechanism.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigException.Kind.INVALID, where + " (" + name
                    + "): auth_mechanism '" + mechanism + "' is not UNAUTHENTICATED or BASIC");
        }
        String caFile = text(node, "ca_file");
        // A relative ca_file is relative to clusters.json, wherever the client runs.
        ClusterConfig cluster = new ClusterConfig(name, text(node, "scheduler_uri"),
                text(node, "zk"), text(node, "scheduler_zk_path"), auth,
                caFile == null ? null : file.toAbsolutePath().getParent().resolve(caFile));
        if (caFile != null && cluster.schedulerUri() != null
                && !cluster.schedulerUri().startsWith("https://")) {
            throw new ConfigException(ConfigException.Kind.INVALID, where + " (" + name
                    + "): ca_file is given but scheduler_uri '" + cluster.schedulerUri()
                    + "' is not https://");
        }
        if (cluster.schedulerUri() == null && cluster.zk() == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, where + " (" + name
                    + ") has neither 'scheduler_uri' nor 'zk'");
        }
        return cluster;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Path file() {
        return file;
    }

    /** The named cluster; fails listing the clusters the file does define. */
    public ClusterConfig get(String name) throws ConfigException {
        requireNonNull(name, "name is null");
        ClusterConfig cluster = byName.get(name);
        if (cluster == null) {
            throw new ConfigException(ConfigException.Kind.INVALID, "unknown cluster '" + name
                    + "': " + file + " defines " + byName.keySet());
        }
        return cluster;
    }
}
