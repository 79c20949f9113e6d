package io.borealis.observer.web;

import static java.util.Objects.requireNonNull;

import io.borealis.observer.checkpoint.ObservedTask;
import io.borealis.observer.checkpoint.Sandbox;
import io.borealis.observer.checkpoint.WorkDir;
import io.borealis.observer.view.DirectoryListing;
import io.borealis.observer.view.FilePage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sandbox pages: {@code /browse/ID/PATH} (a directory), {@code /file/ID/PATH} (a file, paged
 * as text, optionally followed) and {@code /download/ID/PATH} (raw bytes). Every path goes
 * through {@link Sandbox#resolve}, so none of them reaches outside the task's sandbox. Read-only
 * and safe to call concurrently.
 */
final class SandboxPages {
    static final int DEFAULT_LENGTH = 64 * 1024;
    static final int MAX_LENGTH = 1024 * 1024;
    /** Seconds between refreshes of a followed file. */
    static final int FOLLOW_REFRESH_SECONDS = 2;

    private final WorkDir workDir;
    private final Templates templates;
    private final String hostname;

    SandboxPages(WorkDir workDir, Templates templates, String hostname) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.hostname = requireNonNull(hostname, "hostname is null");
    }

    Reply browse(String taskId, List<String> segments) {
        Sandbox sandbox = sandboxOf(taskId);
        Path dir = sandbox.resolve(segments);
        String path = relative(segments);
        if (!Files.isDirectory(dir)) {
            return new Reply.Redirect(link("file", taskId, path));
        }
        List<DirectoryListing.Entry> entries = sandbox.list(dir).stream()
                .map(e -> new DirectoryListing.Entry(e.name(), join(path, e.name()),
                        e.directory(), e.symlink(), e.size(), e.modifiedMillis()))
                .toList();
        String parent = path.isEmpty() ? null
                : path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        Map<String, Object> model = Templates.pageModel(
                "Sandbox of " + taskId + (path.isEmpty() ? "" : ": " + path), hostname, null);
        model.put("listing", new DirectoryListing(taskId, path, parent, entries));
        return new Reply.Html(200, templates.render("browse", model));
    }

    /**
     * A page of a file. {@code offset} and {@code length} (bytes) choose the page; without
     * {@code offset} the page is the end of the file; {@code follow} shows the end and refreshes.
     *
     * @throws HttpError 400 naming {@code offset} or {@code length} when either is not a number
     *     in range
     */
    Reply file(String taskId, List<String> segments, String offsetText, String lengthText,
            boolean follow) {
        Sandbox sandbox = sandboxOf(taskId);
        Path file = sandbox.resolve(segments);
        String path = relative(segments);
        if (Files.isDirectory(file)) {
            return new Reply.Redirect(link("browse", taskId, path));
        }
        int length = lengthText == null || follow ? DEFAULT_LENGTH : parseLength(lengthText);
        long offset = offsetText == null || follow ? -1 : parseOffset(offsetText);
        long size = sandbox.size(file);
        if (offset > size) {
            throw HttpError.badRequest("offset " + offset + " is past the end of '" + path
                    + "' (" + size + " bytes)");
        }
        Sandbox.Chunk chunk = offset < 0 ? sandbox.tail(file, length)
                : sandbox.read(file, offset, length);
        long end = chunk.offset() + chunk.bytes().length;
        FilePage page = new FilePage(taskId, path, chunk.size(), chunk.offset(),
                chunk.bytes().length, new String(chunk.bytes(), StandardCharsets.UTF_8),
                chunk.offset() > 0 ? Long.valueOf(Math.max(0, chunk.offset() - length)) : null,
                end < chunk.size() ? Long.valueOf(end) : null,
                follow);
        // No "#end" in the refresh target: from a URL that differs only by its fragment,
        // Chromium makes a same-document jump and never reloads (PagesBrowserSpec found it);
        // the pages script scrolls a followed log to its end instead.
        String refresh = follow ? FOLLOW_REFRESH_SECONDS + "; url="
                + link("file", taskId, path) + "?follow=1" : null;
        Map<String, Object> model = Templates.pageModel("File " + path + " of " + taskId,
                hostname, refresh);
        model.put("page", page);
        model.put("pageLength", length);
        return new Reply.Html(200, templates.render("file", model));
    }

    Reply download(String taskId, List<String> segments) {
        Path file = sandboxOf(taskId).resolve(segments);
        String path = relative(segments);
        if (!Files.isRegularFile(file)) {
            throw HttpError.badRequest("'" + path + "' is not a regular file; only files can be"
                    + " downloaded");
        }
        return new Reply.Download(file, file.getFileName().toString());
    }

    private Sandbox sandboxOf(String taskId) {
        ObservedTask task = workDir.find(taskId).orElseThrow(
                () -> HttpError.notFound("unknown task '" + taskId + "' on " + hostname));
        return task.sandbox();
    }

    private static long parseOffset(String text) {
        try {
            long offset = Long.parseLong(text);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // Fall through to the message below.
        }
        throw HttpError.badRequest("offset must be a whole number of bytes, 0 or more, not '"
                + text + "'");
    }

    private static int parseLength(String text) {
        try {
            int length = Integer.parseInt(text);
            if (length >= 1 && length <= MAX_LENGTH) {
                return length;
            }
        } catch (NumberFormatException e) {
            // Fall through to the message below.
        }
        throw HttpError.badRequest("length must be a whole number of bytes from 1 to "
                + MAX_LENGTH + ", not '" + text + "'");
    }

    /** The sandbox-relative path the (already resolved, hence safe) segments name. */
    private static String relative(List<String> segments) {
        return String.join("/", segments.stream().filter(s -> !s.isEmpty()).toList());
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    static String link(String route, String taskId, String path) {
        return "/" + route + "/" + UrlPaths.encodeSegment(taskId) + "/" + UrlPaths.encodePath(path);
    }
}
