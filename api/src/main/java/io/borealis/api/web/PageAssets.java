package io.borealis.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What the scheduler's and the observer's pages share: the one script they load (from {@link
 * #SCRIPT_PATH}, never inline) and the Content-Security-Policy every page is served with. The
 * policy allows scripts from the server itself only, so even markup that slipped past the
 * templates' escaping could not run a script of its own; inline styles stay allowed for the
 * pages' {@code <style>} block.
 */
public final class PageAssets {
    /** Where both servers serve {@link #PAGES_JS}. */
    public static final String SCRIPT_PATH = "/static/pages.js";

    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

    /**
     * Rewrites each {@code <time datetime>} into the viewer's local time (UTC on hover) and
     * shows a followed log ({@code <pre data-follow>}) at its end.
     */
    public static final String PAGES_JS = read("pages.js");

    private PageAssets() {}

    private static String read(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside "
                        + PageAssets.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
