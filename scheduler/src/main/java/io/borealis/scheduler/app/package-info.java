/**
 * The scheduler program. {@link io.borealis.scheduler.app.SchedulerMain} parses the flags
 * (docs/internals.md) into a {@link io.borealis.scheduler.app.SchedulerConfig} and is the one
 * composition root: {@link io.borealis.scheduler.app.SchedulerMain#start} builds the object graph
 * with {@code new}, in order, and returns the running
 * {@link io.borealis.scheduler.app.Scheduler}, which stops everything in reverse order.
 */
package io.borealis.scheduler.app;
