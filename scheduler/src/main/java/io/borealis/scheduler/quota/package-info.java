/**
 * Per-role quotas (Aurora §3.2): an admission check, never a placement rule.
 *
 * <p>{@link io.borealis.scheduler.quota.QuotaCheck} is the rule as pure functions: which work
 * counts (production, i.e. a non-preemptible tier, and not dedicated), how a role's active tasks
 * split into {@link io.borealis.scheduler.quota.Consumption}, and the refusal message naming
 * each short resource. {@link io.borealis.scheduler.quota.QuotaManager} applies it to storage:
 * {@code setQuota}, {@code usage} (getQuota) and {@code admit}, which job changes call inside
 * their own write. {@link io.borealis.scheduler.quota.Amounts} counts cpu in whole micro-cores.
 * Depends on storage, tier and error; the state package calls it.
 */
package io.borealis.scheduler.quota;
