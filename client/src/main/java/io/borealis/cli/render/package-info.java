/**
 * What the client prints: human tables and text, and the JSON shapes scripts rely on
 * (spec/cli.md "JSON shapes"). Renderers take model records and a {@code PrintWriter}; they never
 * call the scheduler and never decide exit statuses. {@link io.borealis.cli.render.JobStatusView}
 * is the {@code job status} shape, {@link io.borealis.cli.render.JsonOutput} writes any value
 * with the shared Jackson mapper, {@link io.borealis.cli.render.DiagnosticsPrinter} prints a
 * job file's problems, {@link io.borealis.cli.render.Progress} shows progress on terminals only.
 */
package io.borealis.cli.render;
