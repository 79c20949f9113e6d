/**
 * View records: what the pages and the JSON API show, built from replayed checkpoints.
 *
 * <p>{@link io.borealis.observer.view.TaskViews} turns an {@link
 * io.borealis.observer.checkpoint.ObservedTask} into a {@link io.borealis.observer.view.TaskView}
 * (or the shorter {@link io.borealis.observer.view.TaskSummary} for the task list). A task's
 * totals are the executor's fresh sample ({@code resources.json}) when there is one; otherwise,
 * and for every per-process figure, the observer measures: CPU and memory of the running
 * processes from {@code /proc} ({@link io.borealis.observer.view.ProcTable}, {@link
 * io.borealis.observer.view.ResourceSampler}) and sandbox disk use ({@link
 * io.borealis.observer.view.DiskUsage}). The records are plain values; templates render them and
 * Jackson serialises them, so none of them builds HTML or JSON itself.
 */
package io.borealis.observer.view;
