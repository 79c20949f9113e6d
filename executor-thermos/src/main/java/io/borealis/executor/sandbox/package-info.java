/**
 * The task's sandbox and what is resolved before a process starts.
 *
 * <p>{@link io.borealis.executor.sandbox.Sandbox} creates the sandbox and the per-run log
 * directories ({@code sandbox/.logs/PROCESS/RUN/}) and builds each process's environment.
 * {@link io.borealis.executor.sandbox.Templates} resolves the {@code {{thermos.*}}} and
 * {@code {{mesos.*}}} references that only the executor can know (ports, task id, instance,
 * host) from a {@link io.borealis.executor.sandbox.TemplateContext}; an unknown reference is an
 * error that names it. {@link io.borealis.executor.sandbox.UserPolicy} decides the
 * {@link io.borealis.executor.sandbox.Account} the processes run as. Nothing here depends on
 * {@code launch}, {@code runner} or {@code health}: they build on it.
 */
package io.borealis.executor.sandbox;
