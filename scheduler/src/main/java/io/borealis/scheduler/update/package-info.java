/**
 * Rolling updates, driven by the scheduler. {@link io.borealis.scheduler.update.UpdateManager}
 * takes users' commands (start, pause, resume, abort, rollback, pulse), each one write;
 * {@link io.borealis.scheduler.update.UpdateController} moves active updates forward on a tick,
 * level-triggered from what is stored, so a restarted scheduler carries on where it stopped.
 */
package io.borealis.scheduler.update;
