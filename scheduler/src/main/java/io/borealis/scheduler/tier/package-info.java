/**
 * Tiers (aurora-features §3.2): which tasks may be preempted and which count as production.
 *
 * <pre>
 *   --tier-config FILE --(TiersFile)--> Tiers --> JobValidator (unknown tier refused)
 *                                             --> scheduling (who may preempt whom)
 *                                             --> getTierConfigs
 * </pre>
 *
 * Without a file the scheduler uses Aurora's defaults ({@link Tiers#auroraDefaults}).
 */
package io.borealis.scheduler.tier;
