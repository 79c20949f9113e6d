/**
 * The observer's metrics, served as {@code GET /metrics} in Prometheus text format.
 * {@link io.borealis.observer.metrics.ObserverMetrics} is the one home of the program's
 * Micrometer registry: the tasks on this host by state, their processes by state, the time one
 * look at the host takes, and JVM basics; {@link io.borealis.observer.metrics.MetricsHandler}
 * serves the page in front of the observer's routes and times every HTTP request.
 */
package io.borealis.observer.metrics;
