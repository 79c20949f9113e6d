package io.borealis.scheduler.tier;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tiers jobs may name and the default one (Aurora's tiers.json). A task's tier is the one it
 * names; without one, a {@code production} task gets {@link #PREFERRED} and any other the default.
 * Immutable, thread-safe.
 */
public final class Tiers {
    public static final String PREFERRED = "preferred";
    public static final String PREEMPTIBLE = "preemptible";
    public static final String REVOCABLE = "revocable";

    private final String defaultName;
    private final Map<String, TierConfig> byName;
    private final List<TierConfig> ordered;

    public Tiers(String defaultName, List<TierConfig> tiers) {
        this.defaultName = requireNonNull(defaultName, "defaultName is null");
        Map<String, TierConfig> map = new LinkedHashMap<>();
        for (TierConfig tier : tiers) {
            if (map.put(tier.name(), tier) != null) {
                throw new IllegalArgumentException("tier '" + tier.name() + "' is defined twice");
            }
        }
        if (!map.containsKey(defaultName)) {
            throw new IllegalArgumentException(
                    "the default tier '" + defaultName + "' is not among " + map.keySet());
        }
        this.byName = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    /** Aurora's defaults: preferred (production), preemptible (default), revocable. */
    public static Tiers auroraDefaults() {
        return new Tiers(PREEMPTIBLE, List.of(
                new TierConfig(PREFERRED, false, false),
                new TierConfig(PREEMPTIBLE, true, false),
                new TierConfig(REVOCABLE, true, true)));
    }

    public String defaultName() {
        return defaultName;
    }

    /** Every tier, in the order defined. */
    public List<TierConfig> all() {
        return ordered;
    }

    public Optional<TierConfig> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The tier of {@code config}. An unknown tier name (a job stored before the tier was removed
     * from the configuration) is treated as the default tier.
     */
    public TierConfig tierOf(TaskConfig config) {
        String name = config.tier() != null ? config.tier()
                : config.production() ? PREFERRED : defaultName;
        TierConfig tier = byName.get(name);
        if (tier == null && config.tier() == null && config.production()) {
            // A configuration without "preferred": production means the first non-preemptible tier.
            tier = ordered.stream().filter(t -> !t.preemptible()).findFirst().orElse(null);
        }
        return tier != null ? tier : byName.get(defaultName);
    }

    /** Production work: a non-preemptible tier. Quota is checked for it unless it is dedicated. */
    public boolean isProduction(TaskConfig config) {
        return !tierOf(config).preemptible();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tiers that && defaultName.equals(that.defaultName)
                && ordered.equals(that.ordered);
    }

    @Override
    public int hashCode() {
        return 31 * defaultName.hashCode() + ordered.hashCode();
    }

    @Override
    public String toString() {
        return "Tiers[default=" + defaultName + ", tiers=" + ordered + "]";
    }
}
