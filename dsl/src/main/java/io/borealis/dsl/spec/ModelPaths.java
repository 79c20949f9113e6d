package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import io.borealis.api.validation.Problem;
import io.borealis.dsl.diagnostic.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each part of one job's configuration came from in the job file, so that a
 * {@link Problem} found by {@code io.borealis.api.validation} on the model record
 * ({@code task.processes[1].name}) is reported at the line that built that part and under the
 * field names users write ({@code jobs[0].task.processes[1].name}). Builders record a part as
 * they read it; one instance per job, single-threaded.
 */
final class ModelPaths {
    /** Model names that do not read as the DSL's field once written in snake case. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("instanceCount", "instances"),
            Map.entry("ramMb", "ram"),
            Map.entry("diskMb", "disk"),
            Map.entry("minDurationSecs", "min_duration"),
            Map.entry("isFinal", "final"),
            Map.entry("finalizationWaitSecs", "finalization_wait"),
            Map.entry("maxPerInstanceFailures", "max_per_shard_failures"),
            Map.entry("strategy", "update_strategy"),
            Map.entry("gracefulShutdownEndpoints", "graceful_shutdown_endpoint"),
            Map.entry("shutdownEndpoints", "shutdown_endpoint"));
    private static final Pattern UPPER = Pattern.compile("([a-z0-9])([A-Z])");

    private record Part(String modelPath, String dslPath, SourceLocation location) {}

    private final List<Part> parts = new ArrayList<>();

    /**
     * @param jobPath the job's place in the file, {@code jobs[0]}
     * @param jobLocation the line that built the job
     */
    ModelPaths(String jobPath, SourceLocation jobLocation) {
        record("", jobPath, jobLocation);
    }

    /** The model part at {@code modelPath} was written at {@code dslPath}, on {@code location}. */
    void record(String modelPath, String dslPath, SourceLocation location) {
        parts.add(new Part(requireNonNull(modelPath, "modelPath is null"),
                requireNonNull(dslPath, "dslPath is null"),
                requireNonNull(location, "location is null")));
    }

    /** The line to report {@code problem} at. */
    SourceLocation location(Problem problem) {
        return closest(problem.path()).location();
    }

    /** {@code problem}'s path in the file's words. */
    String dslPath(Problem problem) {
        Part part = closest(problem.path());
        String rest = problem.path().substring(part.modelPath().length());
        if (part.modelPath().isEmpty() && !rest.isEmpty()) {
            rest = "." + rest;
        }
        StringBuilder out = new StringBuilder(part.dslPath());
        for (String segment : rest.split("(?=[.\\[])")) {
            if (segment.startsWith(".")) {
                out.append('.').append(fieldName(segment.substring(1)));
            } else {
                out.append(segment);
            }
        }
        return out.toString();
    }

    private Part closest(String path) {
        Part best = parts.get(0);
        for (Part part : parts) {
            String prefix = part.modelPath();
            boolean covers = path.equals(prefix) || path.startsWith(prefix + ".")
                    || path.startsWith(prefix + "[");
            if (covers && prefix.length() >= best.modelPath().length()) {
                best = part;
            }
        }
        return best;
    }

    private static String fieldName(String modelName) {
        String renamed = RENAMED.get(modelName);
        if (renamed != null) {
            return renamed;
        }
        Matcher matcher = UPPER.matcher(modelName);
        return matcher.replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }
}
