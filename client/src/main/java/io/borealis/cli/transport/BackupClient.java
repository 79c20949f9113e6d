package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.BackupInfo;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ScheduledTask;
import java.util.List;

/**
 * The scheduler's backup and recovery calls ({@code Admin.snapshot} ...
 * {@code Admin.unloadRecovery}) as {@code borealis-admin} needs them, over the same transport and
 * failure mapping as {@link SchedulerClient}. Thread-safe as its scheduler client is.
 */
public final class BackupClient {
    private final SchedulerClient scheduler;

    public BackupClient(SchedulerClient scheduler) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    /** One stored backup: its id, when it was taken (epoch millis) and its size. */
    public record Backup(String id, long timestamp, long sizeBytes) {
        public Backup {
            requireNonNull(id, "id is null");
        }
    }

    /** Asks the scheduler to write its storage's pending changes to disk now. */
    public void snapshot() throws SchedulerException {
        scheduler.call("Admin", Admin.Client::new, Admin.Client::snapshot);
    }

    /** Takes a backup now. */
    public Backup performBackup() throws SchedulerException {
        Response response = scheduler.call("Admin", Admin.Client::new,
                Admin.Client::performBackup);
        if (!response.isSetResult() || !response.getResult().isSetPerformBackupResult()) {
            throw missing("performBackup");
        }
        return backup(response.getResult().getPerformBackupResult().getBackup());
    }

    /** Every stored backup, oldest first. */
    public List<Backup> listBackups() throws SchedulerException {
        Response response = scheduler.call("Admin", Admin.Client::new,
                Admin.Client::listBackups);
        if (!response.isSetResult() || !response.getResult().isSetListBackupsResult()) {
            throw missing("listBackups");
        }
        List<BackupInfo> backups = response.getResult().getListBackupsResult().getBackups();
        return backups == null ? List.of() : backups.stream().map(BackupClient::backup).toList();
    }

    /** Loads the backup {@code id} beside the live state. */
    public void stageRecovery(String id) throws SchedulerException {
        scheduler.call("Admin", Admin.Client::new, client -> client.stageRecovery(id));
    }

    /** The staged recovery's tasks {@code query} matches. */
    public List<InstanceTask> queryRecovery(TaskQuery query) throws SchedulerException {
        Response response = scheduler.call("Admin", Admin.Client::new,
                client -> client.queryRecovery(ThriftCodec.toThrift(query)));
        if (!response.isSetResult() || !response.getResult().isSetQueryRecoveryResult()) {
            throw missing("queryRecovery");
        }
        List<ScheduledTask> tasks = response.getResult().getQueryRecoveryResult().getTasks();
        return tasks == null ? List.of() : tasks.stream()
                .map(t -> new InstanceTask(t.getAssignedTask().getInstanceId(),
                        ThriftCodec.fromThrift(t)))
                .toList();
    }

    /** Removes the tasks {@code query} matches from the staged recovery. */
    public void deleteRecoveryTasks(TaskQuery query) throws SchedulerException {
        scheduler.call("Admin", Admin.Client::new,
                client -> client.deleteRecoveryTasks(ThriftCodec.toThrift(query)));
    }

    /** Replaces the live state with the staged recovery. */
    public void commitRecovery() throws SchedulerException {
        scheduler.call("Admin", Admin.Client::new, Admin.Client::commitRecovery);
    }

    /** Drops the staged recovery. */
    public void unloadRecovery() throws SchedulerException {
        scheduler.call("Admin", Admin.Client::new, Admin.Client::unloadRecovery);
    }

    private static Backup backup(BackupInfo info) {
        return new Backup(info.getId(), info.getTimestamp(), info.getSizeBytes());
    }

    private SchedulerException missing(String method) {
        return new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                + scheduler.schedulerUri() + " answered " + method + " without a result", null);
    }
}
