/**
 * The scheduler's metrics, served as {@code GET /metrics} in Prometheus text format.
 * {@link io.borealis.scheduler.metrics.SchedulerMetrics} is the one home of the program's
 * Micrometer registry and of every meter's name; the rest are small decorators that feed it
 * without the code they measure knowing: {@link io.borealis.scheduler.metrics.MeteredProcessor}
 * (API calls by service, method and outcome), {@link io.borealis.scheduler.metrics.MeteredStorage}
 * (storage write latency), {@link io.borealis.scheduler.metrics.PlacementCounter} (placements),
 * and {@link io.borealis.scheduler.metrics.MetricsRoute} (the HTTP route). Depends on the
 * storage and agent-gateway interfaces only; gauges read the cluster through suppliers that the
 * composition root passes in.
 */
package io.borealis.scheduler.metrics;
