package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.Hosts;
import io.borealis.api.thrift.SlaPolicy;
import io.borealis.api.thrift.ReconcileTasksResult;
import io.borealis.api.thrift.PruneTasksResult;
import io.borealis.api.thrift.Resources;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.TaskQuery;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.scheduling.TaskReconciler;
import io.borealis.scheduler.lifecycle.HistoryPruner;
import io.borealis.scheduler.maintenance.MaintenanceManager;

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

    public AdminHandler(QuotaManager quotas, TaskReconciler reconciler, HistoryPruner pruner,
            MaintenanceManager maintenance, Responses responses) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.pruner = requireNonNull(pruner, "pruner is null");
        this.maintenance = requireNonNull(maintenance, "maintenance is null");
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
        return notYet("snapshot");
    }

    @Override
    public Response performBackup() {
        return notYet("performBackup");
    }

    @Override
    public Response listBackups() {
        return notYet("listBackups");
    }

    @Override
    public Response stageRecovery(String backupId) {
        return notYet("stageRecovery");
    }

    @Override
    public Response queryRecovery(TaskQuery query) {
        return notYet("queryRecovery");
    }

    @Override
    public Response deleteRecoveryTasks(TaskQuery query) {
        return notYet("deleteRecoveryTasks");
    }

    @Override
    public Response commitRecovery() {
        return notYet("commitRecovery");
    }

    @Override
    public Response unloadRecovery() {
        return notYet("unloadRecovery");
    }

    private Response notYet(String method) {
        return responses.run(method, () -> {
            throw PlatformException.invalid("Admin." + method + " is not available yet");
        });
    }
}
