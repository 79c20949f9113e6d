/**
 * Placing tasks on agents, and keeping the scheduler's view of agents true.
 *
 * <pre>
 *   PENDING tasks --(SchedulingLoop: Placement, one batched write)--> ASSIGNED --> launchTasks
 *   agent: registerAgent / heartbeat / statusUpdate --> AgentManager --> StateManager
 *   AgentMonitor (periodic): agent silent too long --> its tasks LOST (or PARTITIONED, by
 *                            partition policy), agent forgotten
 * </pre>
 *
 * Vocabulary: an agent's <em>free</em> resources are what it registered minus what its active
 * tasks hold; <em>liveness</em> is when an agent was last heard from (memory only: after a
 * restart every agent gets a fresh grace period).
 */
package io.borealis.scheduler.scheduling;
