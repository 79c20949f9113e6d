package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.BackupInfo;
import io.borealis.api.thrift.ListBackupsResult;
import io.borealis.api.thrift.PerformBackupResult;
import io.borealis.api.thrift.QueryRecoveryResult;
import io.borealis.api.thrift.Hosts;
import io.borealis.api.thrift.SlaPolicy;
import io.borealis.api.thrift.ReconcileTasksResult;
import io.borealis.api.thrift.PruneTasksResult;
import io.borealis.api.thrift.Resources;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.TaskQuery;
import io.borealis.scheduler.backup.Backup;
import io.borealis.scheduler.backup.BackupService;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.scheduling.TaskReconciler;
import io.borealis.scheduler.lifecycle.HistoryPruner;
import io.borealis.scheduler.maintenance.MaintenanceManager;
import java.util.ArrayList;

/**
 * {@code Admin}: operators' calls (quotas, pruning, reconciliation, host maintenance), authorized as
 * {@code thrift.Admin:METHOD} once authentication is on. Thread-safe.
 */
public final class AdminHandler implements Admin.Iface {
    private final QuotaManager quotas;
    private final TaskReconciler reconciler;
    private final Responses responses;
    private final HistoryPruner pruner;
    private final MaintenanceManager maintenance;
    private final BackupService backups;

    public AdminHandler(QuotaManager quotas, TaskReconciler reconciler, HistoryPruner pruner,
            MaintenanceManager maintenance, BackupService backups, Responses responses) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.pruner = requireNonNull(pruner, "pruner is null");
        this.maintenance = requireNonNull(maintenance, "maintenance is null");
        this.backups = requireNonNull(backups, "backups is null");
    }

    @Override
    public Response setQuota(String ownerRole, Resources quota) {
        return responses.run("setQuota", () -> {
            quotas.setQuota(ownerRole, Responses.decode("quota",
                    () -> quota == null ? null : ThriftCodec.fromThrift(quota)));
            return null;
        });
    }

    @Override
    public Response pruneTasks(TaskQuery query) {
        return responses.run("pruneTasks", () -> {
            // No query is a malformed call, not "everything": an empty query prunes every
            // ended task, and that must be asked for.
            io.borealis.api.model.TaskQuery decoded = Responses.decode("task query",
                    () -> query == null ? null : ThriftCodec.fromThrift(query));
            return Result.pruneTasksResult(new PruneTasksResult(pruner.prune(decoded)));
        });
    }

    @Override
    public Response reconcileTasks() {
        return responses.run("reconcileTasks", () -> {
            TaskReconciler.Outcome outcome = reconciler.reconcileAll();
            return Result.reconcileTasksResult(new ReconcileTasksResult(outcome.agentsAsked(),
                    outcome.agentsAnswered(), outcome.tasksCorrected()));
        });
    }

    @Override
    public Response startMaintenance(Hosts hosts) {
        return MaintenanceRpc.answer(responses, "startMaintenance",
                () -> maintenance.startMaintenance(MaintenanceRpc.hosts(hosts)));
    }

    @Override
    public Response drainHosts(Hosts hosts) {
        return MaintenanceRpc.answer(responses, "drainHosts",
                () -> maintenance.drainHosts(MaintenanceRpc.hosts(hosts)));
    }

    @Override
    public Response slaDrainHosts(Hosts hosts, SlaPolicy defaultSlaPolicy, long timeoutSecs) {
        return MaintenanceRpc.answer(responses, "slaDrainHosts",
                () -> maintenance.slaDrainHosts(MaintenanceRpc.hosts(hosts),
                        MaintenanceRpc.policy(defaultSlaPolicy), timeoutSecs));
    }

    @Override
    public Response maintenanceStatus(Hosts hosts) {
        return MaintenanceRpc.answer(responses, "maintenanceStatus",
                () -> maintenance.status(MaintenanceRpc.hostsOrAll(hosts)));
    }

    @Override
    public Response endMaintenance(Hosts hosts) {
        return MaintenanceRpc.answer(responses, "endMaintenance",
                () -> maintenance.endMaintenance(MaintenanceRpc.hosts(hosts)));
    }

    @Override
    public Response snapshot() {
        return responses.run("snapshot", () -> {
            backups.snapshot();
            return null;
        });
    }

    @Override
    public Response performBackup() {
        return responses.run("performBackup", () -> Result.performBackupResult(
                new PerformBackupResult(backupInfo(backups.performBackup()))));
    }

    @Override
    public Response listBackups() {
        return responses.run("listBackups", () -> Result.listBackupsResult(new ListBackupsResult(
                new ArrayList<>(backups.listBackups().stream()
                        .map(AdminHandler::backupInfo).toList()))));
    }

    private static BackupInfo backupInfo(Backup backup) {
        return new BackupInfo(backup.id(), backup.timestamp(), backup.sizeBytes());
    }

    @Override
    public Response stageRecovery(String backupId) {
        return responses.run("stageRecovery", () -> {
            backups.stageRecovery(backupId);
            return null;
        });
    }

    @Override
    public Response queryRecovery(TaskQuery query) {
        return responses.run("queryRecovery", () -> Result.queryRecoveryResult(
                new QueryRecoveryResult(new ArrayList<>(backups.queryRecovery(recoveryQuery(query))
                        .stream().map(ThriftCodec::toThrift).toList()))));
    }

    @Override
    public Response deleteRecoveryTasks(TaskQuery query) {
        return responses.run("deleteRecoveryTasks", () -> {
            backups.deleteRecoveryTasks(recoveryQuery(query));
            return null;
        });
    }

    /** No query is a malformed call, not "every task" (an empty query says that). */
    private static io.borealis.api.model.TaskQuery recoveryQuery(TaskQuery query) {
        return Responses.decode("task query",
                () -> query == null ? null : ThriftCodec.fromThrift(query));
    }

    @Override
    public Response commitRecovery() {
        return responses.run("commitRecovery", () -> {
            backups.commitRecovery();
            return null;
        });
    }

    @Override
    public Response unloadRecovery() {
        return responses.run("unloadRecovery", () -> {
            backups.unloadRecovery();
            return null;
        });
    }
}
