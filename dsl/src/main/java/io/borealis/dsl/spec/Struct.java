package io.borealis.dsl.spec;

import static java.util.Objects.requireNonNull;

import groovy.lang.GroovyObject;
import groovy.lang.MetaClass;
import groovy.lang.MissingPropertyException;
import groovy.lang.ReadOnlyPropertyException;
import io.borealis.dsl.diagnostic.SourceLocation;
import io.borealis.api.validation.Suggestions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * An instance of a schema object as a job file built it: {@code Process(name: 'x', ...)}.
 * Immutable; calling it with named arguments returns a copy with those fields overridden, as in
 * Aurora ({@code base(name: 'other')}). Fields read as properties ({@code hello.name}) yield the
 * value set, else the schema's default.
 *
 * <p>Each struct remembers where in the job file it was made, so that a problem found later
 * (a required field missing) points at the line that built it. Structs live only while one
 * evaluation runs, on its thread.
 */
public final class Struct implements GroovyObject {
    private final Schema schema;
    private final Map<String, Object> values;
    private final Map<String, Object> bindings;
    private final SourceLocation location;
    private final StructFactory factory;
    private transient MetaClass metaClass;

    Struct(Schema schema, Map<String, Object> values, SourceLocation location,
            StructFactory factory) {
        this(schema, values, Map.of(), location, factory);
    }

    Struct(Schema schema, Map<String, Object> values, Map<String, Object> bindings,
            SourceLocation location, StructFactory factory) {
        this.schema = requireNonNull(schema, "schema is null");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        this.location = requireNonNull(location, "location is null");
        this.factory = requireNonNull(factory, "factory is null");
    }

    public Schema schema() {
        return schema;
    }

    public SourceLocation location() {
        return location;
    }

    /** The fields set explicitly, in the order they were set. */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * The template variables bound to this object and inherited from the objects that contain
     * it, by dotted name ({@code profile.role}); a binding made closer to the object wins.
     */
    public Map<String, Object> bindings() {
        return bindings;
    }

    /**
     * {@code x.bind(profile: [role: 'www-data'])}: a copy whose templates (and those of every
     * object it contains) see {@code {{profile.role}}}. Nested maps bind dotted names; a later
     * bind of the same name wins. The copy keeps this object's line.
     */
    public Struct bind(Map<?, ?> variables) {
        Map<String, Object> merged = new LinkedHashMap<>(bindings);
        Bindings.flatten("", variables, merged);
        return new Struct(schema, values, merged, location, factory);
    }

    /**
     * This object as seen inside a container bound with {@code outer}: the container's bindings
     * apply where this object binds nothing of the same name.
     */
    Struct inherit(Map<String, Object> outer) {
        if (outer.isEmpty() || outer.equals(bindings)) {
            return this;
        }
        Map<String, Object> merged = new LinkedHashMap<>(outer);
        merged.putAll(bindings);
        return new Struct(schema, values, merged, location, factory);
    }

    /** A stand-in for a value whose problem is already reported (see {@link StructFactory#invalid}). */
    public boolean isInvalid() {
        return schema == Schemas.INVALID;
    }

    public boolean isSet(String field) {
        return values.containsKey(field);
    }

    /**
     * The field's value: the one set, else the default (a struct-valued default is an object of
     * that schema with all its defaults, located where this struct was made), else null.
     */
    public Object get(String field) {
        if (values.containsKey(field)) {
            return values.get(field);
        }
        Object fallback = schema.field(field)
                .orElseThrow(() -> new IllegalArgumentException(
                        schema.name() + " has no field '" + field + "'"))
                .defaultValue();
        if (fallback instanceof Schema nested) {
            return new Struct(nested, Map.of(), bindings, location, factory);
        }
        return fallback;
    }

    /** An object of {@code other} with all its defaults, located where this struct was made. */
    public Struct factoryDefault(Schema other) {
        return new Struct(other, Map.of(), bindings, location, factory);
    }

    /** Groovy call syntax, {@code base(name: 'x')}: a copy with the given fields overridden. */
    public Struct call(Map<?, ?> overrides) {
        return factory.copy(this, overrides);
    }

    /** {@code base()}: a copy made here, with nothing changed. */
    public Struct call() {
        return factory.copy(this, Map.of());
    }

    @Override
    public Object getProperty(String propertyName) {
        if (schema.field(propertyName).isPresent()) {
            return get(propertyName);
        }
        throw new MissingPropertyException("'" + propertyName + "' is not a field of "
                + schema.name() + "." + Suggestions.didYouMean(propertyName, schema.fieldNames()),
                propertyName, Struct.class);
    }

    @Override
    public void setProperty(String propertyName, Object newValue) {
        throw new ReadOnlyPropertyException(propertyName, schema.name()
                + " (schema objects are immutable; copy one with x(" + propertyName + ": ...))");
    }

    @Override
    public MetaClass getMetaClass() {
        if (metaClass == null) {
            metaClass = InvokerHelper.getMetaClass(getClass());
        }
        return metaClass;
    }

    @Override
    public void setMetaClass(MetaClass newMetaClass) {
        this.metaClass = newMetaClass;
    }

    @Override
    public String toString() {
        return schema.name() + values.entrySet().stream()
                .map(e -> e.getKey() + ": " + InvokerHelper.inspect(e.getValue()))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
