package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the scheduler's pages from {@code src/main/resources/templates/*.peb}: HTML that shows
 * everything without JavaScript, refreshes itself every 5 seconds, and has every value escaped by
 * Pebble's autoescaping. The one script ({@link io.borealis.api.web.PageAssets}, loaded by
 * {@code base.peb}) rewrites each server-rendered UTC {@code <time>} into the viewer's local time
 * and keeps the UTC text as its hover title. Models
 * are {@link PageViews} records built by {@link OverviewPages} and {@link JobPages}. Thread-safe.
 */
final class Pages {
    private final PebbleEngine engine;
    private final String cluster;

    Pages(String cluster) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .build();
    }

    static String jobPath(JobKey key) {
        return "/scheduler/" + key.role() + "/" + key.environment() + "/" + key.name();
    }

    String render(String template, String title, Map<String, Object> content) {
        Map<String, Object> model = new HashMap<>(content);
        model.put("title", title);
        model.put("cluster", cluster);
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render page " + template, e);
        }
        return out.toString();
    }
}
