package io.borealis.scheduler.backup;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskQuery;
import io.borealis.scheduler.storage.StateTables;
import java.util.List;

/**
 * The operators' backup and recovery calls in one place (what {@code Admin.snapshot} ...
 * {@code Admin.unloadRecovery} delegate to): storage checkpoints, the {@link Backups} directory
 * and the {@link Recovery} in progress. Thread-safe.
 */
public final class BackupService implements AutoCloseable {
    private final StateTables tables;
    private final Backups backups;
    private final Recovery recovery;

    public BackupService(StateTables tables, Backups backups, Recovery recovery) {
        this.tables = requireNonNull(tables, "tables is null");
        this.backups = requireNonNull(backups, "backups is null");
        this.recovery = requireNonNull(recovery, "recovery is null");
    }

    /** Writes everything committed to the storage's files now. */
    public void snapshot() {
        tables.checkpoint();
    }

    /** Takes a backup now. */
    public Backup performBackup() {
        return backups.perform();
    }

    /** Every stored backup, oldest first. */
    public List<Backup> listBackups() {
        return backups.list();
    }

    /** {@link Recovery#stage}. */
    public void stageRecovery(String backupId) {
        recovery.stage(backupId);
    }

    /** {@link Recovery#query}. */
    public List<ScheduledTask> queryRecovery(TaskQuery query) {
        return recovery.query(query);
    }

    /** {@link Recovery#deleteTasks}. */
    public int deleteRecoveryTasks(TaskQuery query) {
        return recovery.deleteTasks(query);
    }

    /** {@link Recovery#commit}. */
    public void commitRecovery() {
        recovery.commit();
    }

    /**
     * {@link Recovery#unload}.
     *
     * @throws io.borealis.scheduler.error.PlatformException INVALID_REQUEST when none is staged
     */
    public void unloadRecovery() {
        if (!recovery.unload()) {
            throw io.borealis.scheduler.error.PlatformException.invalid(
                    "no recovery is staged: nothing to unload");
        }
    }

    /** Stops periodic backups and drops a staged recovery. */
    @Override
    public void close() {
        backups.close();
        recovery.close();
    }
}
