package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.ReconcileTasksResult;
import io.borealis.api.thrift.Response;

/**
 * The scheduler's {@code Admin} service as {@code borealis-admin} needs it, over the same
 * transport, headers and failure mapping as {@link SchedulerClient} (whose read calls the admin
 * commands use too). Thread-safe as its scheduler client is.
 */
public final class AdminClient {
    private final SchedulerClient scheduler;

    public AdminClient(SchedulerClient scheduler) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    /** The user API of the same scheduler: tasks, jobs, quotas. */
    public SchedulerClient scheduler() {
        return scheduler;
    }

    /** Replaces the role's quota. */
    public void setQuota(String role, Resources quota) throws SchedulerException {
        scheduler.call("Admin", Admin.Client::new,
                client -> client.setQuota(role, ThriftCodec.toThrift(quota)));
    }

    /** Deletes the terminal tasks {@code query} matches; returns how many. */
    public int pruneTasks(TaskQuery query) throws SchedulerException {
        Response response = scheduler.call("Admin", Admin.Client::new,
                client -> client.pruneTasks(ThriftCodec.toThrift(query)));
        return response.isSetResult() && response.getResult().isSetPruneTasksResult()
                ? response.getResult().getPruneTasksResult().getPruned() : 0;
    }

    /**
     * The leading scheduler's base URL as the scheduler names it (its public URL, e.g.
     * {@code http://host:8081}), asked with {@code ReadOnlyScheduler.getScheduler}.
     */
    public String leaderUrl() throws SchedulerException {
        Response response = scheduler.call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                ReadOnlyScheduler.Client::getScheduler);
        if (!response.isSetResult() || !response.getResult().isSetGetSchedulerResult()
                || response.getResult().getGetSchedulerResult().getLeaderUrl() == null) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + scheduler.schedulerUri() + " answered getScheduler without a leader",
                    null);
        }
        return response.getResult().getGetSchedulerResult().getLeaderUrl();
    }

    /** What one reconciliation did. */
    public record Reconciliation(int agentsAsked, int agentsAnswered, int tasksCorrected) {}

    /** Asks the scheduler to ask every agent for its tasks and correct what differs. */
    public Reconciliation reconcileTasks() throws SchedulerException {
        Response response = scheduler.call("Admin", Admin.Client::new,
                Admin.Client::reconcileTasks);
        if (!response.isSetResult() || !response.getResult().isSetReconcileTasksResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + scheduler.schedulerUri() + " answered reconcileTasks without a result",
                    null);
        }
        ReconcileTasksResult result = response.getResult().getReconcileTasksResult();
        return new Reconciliation(result.getAgentsAsked(), result.getAgentsAnswered(),
                result.getTasksCorrected());
    }
}
