/**
 * The agent's reliable channel for task status updates.
 *
 * <p>{@link io.borealis.agent.outbox.Outbox} numbers every update with a per-agent increasing
 * {@code seq} and persists it under {@code WORK_DIR/agent/} before anyone may rely on it;
 * {@link io.borealis.agent.outbox.OutboxSender} is the one thread that sends pending updates to the
 * scheduler in order, in batches, and forgets them once the scheduler acks their seq. An update is
 * therefore never lost: not while the scheduler is unreachable, nor across an agent restart.
 */
package io.borealis.agent.outbox;
