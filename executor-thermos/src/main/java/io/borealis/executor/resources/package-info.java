/**
 * What a task uses: {@link io.borealis.executor.resources.ResourceSampler} samples the CPU,
 * resident memory and sandbox bytes of the task's processes every few seconds, writes each
 * sample to {@code TASK_ROOT/resources.json} ({@link io.borealis.api.checkpoint.ResourceUsage})
 * for the observer, and reports the first time the task goes over its {@code ram} or
 * {@code disk}, so that the runner kills it with a message naming the limit.
 */
package io.borealis.executor.resources;
