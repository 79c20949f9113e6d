/**
 * Re-validation of what clients submit. The scheduler never trusts the client's checks (the
 * client evaluates job files; the scheduler never runs user code): {@code JobValidator} applies
 * the shared rules of {@code io.borealis.api.validation} and adds the scheduler's own (owner,
 * cluster, cron not yet supported). Every problem is reported at once, each naming its field.
 */
package io.borealis.scheduler.validation;
