/**
 * The observer's HTTP surface on Jetty 12 core handlers (no servlets).
 *
 * <p>{@link io.borealis.observer.web.ObserverHandler} routes each GET by its first path segment:
 * task pages ({@link io.borealis.observer.web.TaskPages}: {@code /}, {@code /task},
 * {@code /process}, {@code /api/...}) and sandbox pages ({@link
 * io.borealis.observer.web.SandboxPages}: {@code /browse}, {@code /file}, {@code /download}).
 * Log tails (the long one on the process page, the brief one per process on the task page) are
 * read through the sandbox by {@link io.borealis.observer.web.LogTails}.
 * Pages return a {@link io.borealis.observer.web.Reply}; HTML is rendered from view records by
 * Pebble templates with autoescaping ({@link io.borealis.observer.web.Templates}), JSON by the
 * shared Jackson mapper. Bad input becomes an {@link io.borealis.observer.web.HttpError} with a
 * status and a message that names what was wrong.
 */
package io.borealis.observer.web;
