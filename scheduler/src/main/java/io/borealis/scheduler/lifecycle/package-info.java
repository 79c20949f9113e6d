/**
 * What happens to tasks as time passes, apart from placement.
 *
 * <pre>
 *   TaskTimers (every tick):  THROTTLED --penalty over--> PENDING
 *                             ASSIGNED/PREEMPTING/RESTARTING/KILLING/DRAINING --timeout--> LOST
 *                             PARTITIONED --policy delay over--> LOST
 *                             being stopped, not confirmed --backoff--> kill sent again
 *   HistoryPruner (periodic): ended tasks past age / per-job count --> deleted with events
 *                 (on request): Admin.pruneTasks(query) --> matching ended tasks deleted
 * </pre>
 *
 * Both are level-triggered: they decide from stored state (timestamps, the ancestor chain), so a
 * restart changes nothing but the moment of the next check. The decisions themselves are pure and
 * live in {@code state} ({@code TaskDeadlines}, {@code Flapping}); moves go through
 * {@code StateManager}.
 */
package io.borealis.scheduler.lifecycle;
