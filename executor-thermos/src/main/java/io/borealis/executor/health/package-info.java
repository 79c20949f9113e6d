/**
 * Health checks: whether a task is ready to be called RUNNING, and whether it must be killed.
 *
 * <p>{@link io.borealis.executor.health.HealthChecks} picks the check Aurora would (shell
 * command, else HTTP on the {@code health} port, else none);
 * {@link io.borealis.executor.health.HttpHealthCheck} and
 * {@link io.borealis.executor.health.ShellHealthCheck} run one attempt each;
 * {@link io.borealis.executor.health.HealthTracker} applies Aurora's counting (grace period,
 * consecutive successes and failures, fail fast); {@link io.borealis.executor.health.HealthMonitor}
 * runs attempts on a thread of its own and reports the verdicts, which the runner records in the
 * checkpoint as {@code health} records.
 */
package io.borealis.executor.health;
