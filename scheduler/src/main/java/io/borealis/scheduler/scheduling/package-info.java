/**
 * Placing tasks on agents, preempting for the important ones, and keeping the scheduler's view of
 * agents true.
 *
 * <pre>
 *   PENDING tasks --(SchedulingLoop: RoundPlanner = Placement, then Preemptor; 1 write)-->
 *       ASSIGNED --> launchTasks;  victims --> PREEMPTING --> killTasks;
 *       reasons --> PendingReasons
 *   agent: registerAgent / heartbeat / statusUpdate --> AgentManager --> StateManager
 *          (statusUpdate calls arriving together: one write, GroupedWrites)
 *   AgentMonitor (periodic): agent silent too long --> its tasks LOST (or PARTITIONED, by
 *                            partition policy), agent forgotten
 * </pre>
 *
 * Vocabulary: an agent's <em>free</em> resources are what it registered minus what its active
 * tasks hold; a <em>veto</em> is why one agent cannot take one task (Aurora's words); a
 * <em>group</em> is the PENDING tasks of a round sharing one configuration; a
 * <em>reservation</em> holds an agent for the task that preempted its tasks; <em>liveness</em> is
 * when an agent was last heard from (memory only: after a restart every agent gets a fresh grace
 * period).
 */
package io.borealis.scheduler.scheduling;
