package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import io.borealis.dsl.diagnostic.Diagnostics;
import io.borealis.dsl.diagnostic.SourceLocation;
import io.borealis.api.validation.Suggestions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes {@link Struct}s for one evaluation of one job file: records where each was made (the
 * innermost stack frame of the job file's code) and reports unknown fields with a "did you mean". An unknown
 * field is dropped from the struct after it is reported, so that evaluation goes on and finds the
 * file's other problems. Single-threaded, like the evaluation it belongs to.
 */
public final class StructFactory {
    /**
     * The named argument under which the compiler passes the line a call starts at (see
     * {@code io.borealis.dsl.script.CallLines}); never a field of any schema object.
     */
    public static final String LINE_KEY = "__line__";

    private final String sourceName;
    private final String fileName;
    private final Diagnostics diagnostics;

    /**
     * @param sourceName the name the file was compiled under: its stack frames carry it
     * @param fileName the name to report problems under (the user's file)
     */
    public StructFactory(String sourceName, String fileName, Diagnostics diagnostics) {
        this.sourceName = requireNonNull(sourceName, "sourceName is null");
        this.fileName = requireNonNull(fileName, "fileName is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
    }

    /**
     * A stand-in for something the file got wrong and that is already reported (an unknown schema
     * object): builders skip it silently instead of adding a second, derived complaint.
     */
    public Struct invalid() {
        return new Struct(Schemas.INVALID, Map.of(), callerLocation(), this);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** {@code Process(name: 'x', ...)}: a new struct with the given fields. */
    public Struct create(Schema schema, Map<?, ?> arguments) {
        SourceLocation here = location(arguments);
        return new Struct(schema, checked(schema, arguments, here), here, this);
    }

    /** {@code base(name: 'x')}: a copy of {@code base} with some fields overridden. */
    public Struct copy(Struct base, Map<?, ?> overrides) {
        SourceLocation here = location(overrides);
        Map<String, Object> merged = new LinkedHashMap<>(base.values());
        merged.putAll(checked(base.schema(), overrides, here));
        return new Struct(base.schema(), merged, base.bindings(), here, this);
    }

    /** A new struct made by a helper ({@code Tasks.concat}) at the caller's line. */
    Struct build(Schema schema, Map<String, Object> fields) {
        return new Struct(schema, fields, callerLocation(), this);
    }

    /**
     * Where a call with named arguments starts: the line the compiler added to them, else
     * the innermost frame of the job file (which, for a call spanning lines, is its last line).
     */
    public SourceLocation location(Map<?, ?> arguments) {
        return arguments.get(LINE_KEY) instanceof Integer line && line > 0
                ? new SourceLocation(fileName, line) : callerLocation();
    }

    /** Where the job file is being executed now: its innermost frame, else the file's top. */
    public SourceLocation callerLocation() {
        return StackWalker.getInstance().walk(frames -> frames
                        .filter(f -> sourceName.equals(f.getFileName()) && f.getLineNumber() > 0)
                        .findFirst())
                .map(f -> new SourceLocation(fileName, f.getLineNumber()))
                .orElse(SourceLocation.fileLevel(fileName));
    }

    private Map<String, Object> checked(Schema schema, Map<?, ?> arguments, SourceLocation here) {
        Map<String, Object> known = new LinkedHashMap<>();
        arguments.forEach((key, value) -> {
            String field = String.valueOf(key);
            if (LINE_KEY.equals(field)) {
                return;
            }
            if (schema.field(field).isPresent()) {
                known.put(field, value);
            } else {
                diagnostics.error(here, schema.name() + "." + field, "unknown field of "
                        + schema.name() + "." + Suggestions.didYouMean(field, schema.fieldNames()));
            }
        });
        return known;
    }
}
