/**
 * The agent program: flags, configuration and wiring.
 *
 * <p>{@link io.borealis.agent.app.AgentMain} parses the flags of docs/internals.md into one
 * {@link io.borealis.agent.app.AgentConfig} (defaults from the machine via
 * {@link io.borealis.agent.app.MachineResources}); {@link io.borealis.agent.app.Agent} is the
 * composition root that builds the outbox, the task manager, the HTTP endpoint and the scheduler
 * session in order, and stops them again — but never the tasks' executors.
 */
package io.borealis.agent.app;
