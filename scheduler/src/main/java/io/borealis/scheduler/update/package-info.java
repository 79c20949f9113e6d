/**
 * Rolling updates and restarts, driven by the scheduler.
 * {@link io.borealis.scheduler.update.UpdateManager} takes users' commands (start, restart,
 * pause, resume, abort, rollback, pulse), each one write;
 * {@link io.borealis.scheduler.update.UpdateController} moves active updates forward on a tick
 * and whenever a task became RUNNING or ended, level-triggered from what is stored, so a
 * restarted scheduler carries on where it stopped. An {@code sla_aware} update asks the job's SLA
 * policy through {@link io.borealis.scheduler.maintenance.SlaCheck}, as host drains do.
 */
package io.borealis.scheduler.update;
