package io.borealis.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.borealis.api.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Writes a value as indented JSON with the shared mapper (records keep their field order). */
public final class JsonOutput {
    private JsonOutput() {}

    public static void write(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
