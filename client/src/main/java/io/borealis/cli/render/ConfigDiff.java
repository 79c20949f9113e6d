package io.borealis.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.borealis.api.json.Json;
import io.borealis.api.model.JobConfiguration;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code job diff} for people: the stored configuration and the file's, each as indented JSON,
 * compared line by line and printed as a unified diff ({@code ---} stored, {@code +++} file).
 * The owner is left out: the scheduler fills it in, a file never has it.
 */
public final class ConfigDiff {
    private static final int CONTEXT_LINES = 3;

    private ConfigDiff() {}

    /**
     * @param stored what the scheduler holds, or null when it holds no such job
     * @return true when the two differ
     */
    public static boolean print(PrintWriter out, JobConfiguration stored, JobConfiguration file,
            String storedName, String fileName) {
        List<String> before = stored == null ? List.of() : lines(stored);
        List<String> after = lines(file);
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            out.println("no differences between " + storedName + " and " + fileName);
        } else {
            UnifiedDiffUtils.generateUnifiedDiff(storedName, fileName, before, patch,
                    CONTEXT_LINES).forEach(out::println);
        }
        out.flush();
        return !patch.getDeltas().isEmpty();
    }

    private static List<String> lines(JobConfiguration job) {
        JobConfiguration anonymous = job.withOwner("");
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(anonymous).lines().toList();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
