/**
 * The audit log: one JSON line per write call (SchedulerManager, Admin) and per refused attempt
 * of any call, with who, what, when and the outcome ({@link io.borealis.scheduler.audit.AuditLog},
 * {@link io.borealis.scheduler.audit.AuditEvent}). It never holds a password or a secret.
 */
package io.borealis.scheduler.audit;
