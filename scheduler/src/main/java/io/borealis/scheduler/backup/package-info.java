/**
 * Backups and online recovery of the scheduler's state (Aurora's §3.7, without its outage).
 *
 * <p>{@link io.borealis.scheduler.backup.Backups} writes, every interval and on demand, a
 * consistent, compressed, storage-neutral copy of every table ({@code StateTables.snapshot}: one
 * MVCC snapshot, writes go on) to a file renamed into place
 * ({@link io.borealis.scheduler.backup.BackupFormat}); names follow
 * {@link io.borealis.scheduler.backup.BackupNames}, which is also the check that keeps callers'
 * ids inside the backup directory. {@link io.borealis.scheduler.backup.Recovery} stages a backup
 * in an in-memory database beside the live one and commits it in one write transaction while
 * the scheduler keeps serving. {@link io.borealis.scheduler.backup.BackupService} is what the
 * Admin calls delegate to.
 */
package io.borealis.scheduler.backup;
