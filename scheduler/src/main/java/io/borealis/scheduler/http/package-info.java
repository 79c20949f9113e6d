/**
 * The scheduler's HTTP face on Jetty 12 core handlers (no servlets): {@code POST /api} for the
 * Thrift API, {@code /health} and {@code /leaderhealth} for probes, and server-rendered pages
 * under {@code /scheduler} that need no JavaScript and refresh themselves
 * ({@link io.borealis.scheduler.http.Pages}).
 */
package io.borealis.scheduler.http;
