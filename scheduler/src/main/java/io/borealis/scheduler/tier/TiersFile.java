package io.borealis.scheduler.tier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.borealis.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tiers file in Aurora's {@code tiers.json} format (the scheduler's
 * {@code --tier-config}):
 *
 * <pre>
 * {"default": "preemptible",
 *  "tiers": {"preferred":   {"preemptible": false, "revocable": false},
 *            "preemptible": {"preemptible": true,  "revocable": false},
 *            "revocable":   {"preemptible": true,  "revocable": true}}}
 * </pre>
 *
 * Strict: an unknown key, a missing or non-boolean flag, no tiers, or a default that is not
 * among them is refused with every problem named at once. Stateless.
 */
public final class TiersFile {
    private static final Set<String> TOP_KEYS = Set.of("default", "tiers");
    private static final Set<String> TIER_KEYS = Set.of("preemptible", "revocable");

    private TiersFile() {}

    /**
     * @throws IllegalArgumentException naming the file and every problem in it
     */
    public static Tiers load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("tier config " + file + ": cannot read: "
                    + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param source what to call the text in messages (its file name)
     * @throws IllegalArgumentException naming {@code source} and every problem
     */
    public static Tiers parse(String text, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tier config " + source + ": not JSON: "
                    + e.getOriginalMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<TierConfig> tiers = new ArrayList<>();
        String defaultName = null;
        if (root == null || !root.isObject()) {
            problems.add("must be a JSON object with \"default\" and \"tiers\"");
        } else {
            unknownKeys(root, TOP_KEYS, "", problems);
            JsonNode def = root.get("default");
            if (def == null || !def.isTextual() || def.asText().isBlank()) {
                problems.add("\"default\" must name a tier");
            } else {
                defaultName = def.asText();
            }
            tiers(root.get("tiers"), tiers, problems);
            List<String> names = tiers.stream().map(TierConfig::name).toList();
            if (defaultName != null && !names.isEmpty() && !names.contains(defaultName)) {
                problems.add("the default tier '" + defaultName + "' is not among the tiers "
                        + names);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("tier config " + source + ": "
                    + String.join("; ", problems));
        }
        return new Tiers(defaultName, tiers);
    }

    private static void tiers(JsonNode node, List<TierConfig> tiers, List<String> problems) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add("\"tiers\" must be an object with at least one tier");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String name = entry.getKey();
            JsonNode tier = entry.getValue();
            String where = "tier '" + name + "'";
            if (name.isBlank()) {
                problems.add("a tier name must not be blank");
                continue;
            }
            if (!tier.isObject()) {
                problems.add(where + " must be an object with \"preemptible\" and \"revocable\"");
                continue;
            }
            unknownKeys(tier, TIER_KEYS, where + ": ", problems);
            Boolean preemptible = flag(tier, "preemptible", where, problems);
            Boolean revocable = flag(tier, "revocable", where, problems);
            if (preemptible != null && revocable != null) {
                tiers.add(new TierConfig(name, preemptible, revocable));
            }
        }
    }

    private static Boolean flag(JsonNode tier, String key, String where, List<String> problems) {
        JsonNode value = tier.get(key);
        if (value == null || !value.isBoolean()) {
            problems.add(where + ": \"" + key + "\" must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String where,
            List<String> problems) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(where + "unknown key \"" + key + "\" (known: "
                        + known.stream().sorted().toList() + ")");
            }
        });
    }
}
