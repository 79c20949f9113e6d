package io.borealis.observer.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The page templates ({@code src/main/resources/templates/*.peb}), rendered by Pebble with HTML
 * autoescaping on and strict variables (a misspelt name fails the page instead of printing
 * nothing). Thread-safe: the engine caches compiled templates and is shared by all requests.
 */
public final class Templates {
    private final PebbleEngine engine;

    public Templates() {
        ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .extension(new ViewFilters())
                .build();
    }

    /**
     * A fresh, mutable model with what the layout needs: the page {@code title}, this host's
     * name, and the self-refresh interval in seconds ({@code refresh}; null for none).
     */
    static Map<String, Object> pageModel(String title, String hostname, String refresh) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("hostname", hostname);
        model.put("refresh", refresh);
        return model;
    }

    /** Renders template {@code name} with {@code model}. */
    public String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(name).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render template " + name, e);
        }
        return out.toString();
    }
}
