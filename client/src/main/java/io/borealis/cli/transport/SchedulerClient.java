package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.CronJob;
import io.borealis.api.model.CronRun;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.RestartSettings;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.rpc.Responses;
import io.borealis.api.rpc.ThriftHttp;
import io.borealis.api.tls.Tls;
import io.borealis.api.thrift.GetQuotaResult;
import io.borealis.api.thrift.InstanceKey;
import io.borealis.api.thrift.JobUpdateQuery;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseCode;
import io.borealis.api.thrift.SchedulerManager;
import io.borealis.api.thrift.ScheduledTask;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;

/**
 * The scheduler's user API as the client needs it. Each call opens its own Thrift client (they
 * are cheap and not thread-safe), so one {@code SchedulerClient} may be shared across threads.
 * Every call either returns what the scheduler answered with {@code OK} or throws a
 * {@link SchedulerException}. Nothing is retried, except that a client that finds its scheduler
 * through ZooKeeper follows the leader: a call no leader received is sent to the new one.
 */
public final class SchedulerClient {
    /** Between looks for a leader while none answers (a failover takes seconds). */
    private static final Duration RELOCATE_PAUSE = Duration.ofMillis(500);

    private final SchedulerLocator locator;
    private final CallHeaders headers;
    private final Duration timeout;
    private final SSLContext trust;

    /**
     * @param schedulerUri e.g. {@code http://localhost:8081}; calls go to {@code URI/api}
     * @param headers sent with every call, e.g. {@code Authorization}
     */
    public SchedulerClient(String schedulerUri, Map<String, String> headers, Duration timeout) {
        this(schedulerUri, headers, timeout, null);
    }

    /**
     * @param trust the CAs an {@code https} scheduler's certificate must chain to (a cluster's
     *     {@code ca_file}); null for the JVM's default CAs
     */
    public SchedulerClient(String schedulerUri, Map<String, String> headers, Duration timeout,
            SSLContext trust) {
        this(SchedulerLocator.fixed(requireNonNull(schedulerUri, "schedulerUri is null")), headers,
                timeout, trust);
    }

    /**
     * A client of whichever scheduler {@code locator} finds. When it can look again (ZooKeeper),
     * a call that finds no leader where it went (connection refused, redirected by a follower,
     * no leader yet, a deposed leader answering NOT_LEADER) is sent again to the leader found
     * then, until {@code timeout} has passed: such a call was not carried out, so sending it
     * again is safe. A call that timed out is not sent again.
     */
    public SchedulerClient(SchedulerLocator locator, Map<String, String> headers,
            Duration timeout, SSLContext trust) {
        this(locator, CallHeaders.fixed(requireNonNull(headers, "headers is null")), timeout,
                trust);
    }

    /**
     * As above, with headers that depend on the scheduler a call goes to: the credentials of
     * the leader's host, which may change between calls.
     */
    public SchedulerClient(SchedulerLocator locator, CallHeaders headers, Duration timeout,
            SSLContext trust) {
        this.locator = requireNonNull(locator, "locator is null");
        this.headers = requireNonNull(headers, "headers is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.trust = trust;
    }

    /**
     * The page of {@code job}, {@code SCHEDULER/scheduler/ROLE/ENV/NAME}, on the scheduler calls
     * go to now: the configured one, or the leader ZooKeeper names (looked up if it was not
     * yet; nothing else is contacted).
     *
     * @throws SchedulerException when no leader can be found
     */
    public String jobPage(JobKey job) throws SchedulerException {
        String scheduler = locator.locate();
        return (scheduler.endsWith("/") ? scheduler.substring(0, scheduler.length() - 1)
                : scheduler) + "/scheduler/" + job;
    }

    /** The scheduler's URL as last found (with ZooKeeper, where it was looked for first). */
    public String schedulerUri() {
        return locator.lastKnown();
    }

    /** Creates the job; returns its page URL when the scheduler names one. */
    public Optional<String> createJob(JobConfiguration job) throws SchedulerException {
        Response response = call("SchedulerManager", SchedulerManager.Client::new,
                client -> client.createJob(ThriftCodec.toThrift(job)));
        if (response.isSetResult() && response.getResult().isSetCreateJobResult()
                && response.getResult().getCreateJobResult().isSetJobUrl()) {
            return Optional.of(response.getResult().getCreateJobResult().getJobUrl());
        }
        return Optional.empty();
    }

    /**
     * Schedules the cron job, or replaces a scheduled one's configuration from its next run on;
     * returns its page URL when the scheduler names one.
     */
    public Optional<String> scheduleCronJob(JobConfiguration job) throws SchedulerException {
        Response response = call("SchedulerManager", SchedulerManager.Client::new,
                client -> client.scheduleCronJob(ThriftCodec.toThrift(job)));
        if (response.isSetResult() && response.getResult().isSetCreateJobResult()
                && response.getResult().getCreateJobResult().isSetJobUrl()) {
            return Optional.of(response.getResult().getCreateJobResult().getJobUrl());
        }
        return Optional.empty();
    }

    /** Removes the cron job; a run in progress keeps running. */
    public void descheduleCronJob(JobKey job) throws SchedulerException {
        call("SchedulerManager", SchedulerManager.Client::new,
                client -> client.descheduleCronJob(ThriftCodec.toThrift(job)));
    }

    /** Runs the cron job now; returns what the run did. */
    public CronRun startCronJob(JobKey job) throws SchedulerException {
        Response response = call("SchedulerManager", SchedulerManager.Client::new,
                client -> client.startCronJob(ThriftCodec.toThrift(job)));
        if (!response.isSetResult() || !response.getResult().isSetStartCronJobResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED,
                    "scheduler at " + schedulerUri() + " answered startCronJob without a run", null);
        }
        return ThriftCodec.fromThrift(response.getResult().getStartCronJobResult().getRun());
    }

    /** The cron job: its schedule, next trigger times and recent runs. */
    public CronJob cronJob(JobKey job) throws SchedulerException {
        Response response = call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                client -> client.getCronJob(ThriftCodec.toThrift(job)));
        if (!response.isSetResult() || !response.getResult().isSetGetCronJobResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED,
                    "scheduler at " + schedulerUri() + " answered getCronJob without a job", null);
        }
        return ThriftCodec.fromThrift(response.getResult().getGetCronJobResult().getCronJob());
    }

    /** Kills the given instances, or every active instance when {@code instances} is empty. */
    public void killTasks(JobKey job, Set<Integer> instances, String message)
            throws SchedulerException {
        call("SchedulerManager", SchedulerManager.Client::new, client -> client.killTasks(
                ThriftCodec.toThrift(job), new HashSet<>(instances), message));
    }

    /**
     * The tasks {@code query} matches. Their configurations leave out the processes (the
     * scheduler's {@code getTasksWithoutConfigs}): status, hosts and events are what callers read.
     */
    public List<InstanceTask> tasks(TaskQuery query) throws SchedulerException {
        Response response = call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                client -> client.getTasksWithoutConfigs(ThriftCodec.toThrift(query)));
        if (!response.isSetResult() || !response.getResult().isSetScheduleStatusResult()) {
            return List.of();
        }
        List<ScheduledTask> tasks = response.getResult().getScheduleStatusResult().getTasks();
        return tasks == null ? List.of() : tasks.stream()
                .map(t -> new InstanceTask(t.getAssignedTask().getInstanceId(),
                        ThriftCodec.fromThrift(t)))
                .toList();
    }

    /** The jobs of {@code role} ({@code ""} for every role). */
    public List<JobConfiguration> jobs(String role) throws SchedulerException {
        Response response = call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                client -> client.getJobs(role));
        if (!response.isSetResult() || !response.getResult().isSetGetJobsResult()
                || response.getResult().getGetJobsResult().getConfigs() == null) {
            return List.of();
        }
        return response.getResult().getGetJobsResult().getConfigs().stream()
                .map(ThriftCodec::fromThrift).toList();
    }

    /**
     * Adds {@code count} instances to {@code job}, copies of instance {@code instanceId}
     * (Aurora's {@code addInstances}).
     */
    public void addInstances(JobKey job, int instanceId, int count) throws SchedulerException {
        call("SchedulerManager", SchedulerManager.Client::new, client -> client.addInstances(
                new InstanceKey(ThriftCodec.toThrift(job), instanceId), count));
    }

    /** Starts a rolling update of the job to {@code job}; returns the update's id. */
    public String startJobUpdate(JobConfiguration job, String message) throws SchedulerException {
        Response response = call("SchedulerManager", SchedulerManager.Client::new,
                client -> client.startJobUpdate(ThriftCodec.toThrift(job), message));
        if (!response.isSetResult() || !response.getResult().isSetStartJobUpdateResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + schedulerUri() + " answered startJobUpdate without an update id", null);
        }
        return response.getResult().getStartJobUpdateResult().getUpdateId();
    }

    /**
     * Starts a rolling restart of {@code instances} of {@code job} (every active one when
     * empty), carried out by the scheduler as an update; returns the update's id.
     */
    public String restartJob(JobKey job, Set<Integer> instances, RestartSettings settings,
            String message) throws SchedulerException {
        Response response = call("SchedulerManager", SchedulerManager.Client::new,
                client -> client.restartJob(ThriftCodec.toThrift(job), new HashSet<>(instances),
                        ThriftCodec.toThrift(settings), message));
        if (!response.isSetResult() || !response.getResult().isSetStartJobUpdateResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + schedulerUri() + " answered restartJob without an update id", null);
        }
        return response.getResult().getStartJobUpdateResult().getUpdateId();
    }

    /** The commands on a job's active update. */
    public enum UpdateControl { PAUSE, RESUME, ABORT, ROLLBACK, PULSE }

    /** Applies {@code command} to the job's active update; returns the update after it. */
    public JobUpdateView controlJobUpdate(UpdateControl command, JobKey job, String message)
            throws SchedulerException {
        io.borealis.api.thrift.JobKey key = ThriftCodec.toThrift(job);
        Response response = call("SchedulerManager", SchedulerManager.Client::new,
                client -> switch (command) {
                    case PAUSE -> client.pauseJobUpdate(key, message);
                    case RESUME -> client.resumeJobUpdate(key, message);
                    case ABORT -> client.abortJobUpdate(key, message);
                    case ROLLBACK -> client.rollbackJobUpdate(key, message);
                    case PULSE -> client.pulseJobUpdate(key, message);
                });
        if (!response.isSetResult() || !response.getResult().isSetJobUpdateCommandResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + schedulerUri() + " answered without the update", null);
        }
        return JobUpdateView.of(response.getResult().getJobUpdateCommandResult().getUpdate());
    }

    /**
     * The updates of {@code job}, or of {@code role} when job is null (every role when both
     * are), newest first, limited to {@code statuses} (status names) unless empty.
     */
    public List<JobUpdateView> jobUpdates(JobKey job, String role, Set<String> statuses)
            throws SchedulerException {
        JobUpdateQuery query = new JobUpdateQuery();
        if (job != null) {
            query.setJob(ThriftCodec.toThrift(job));
        } else if (role != null) {
            query.setRole(role);
        }
        query.setStatuses(new HashSet<>(statuses.stream()
                .map(io.borealis.api.thrift.JobUpdateStatus::valueOf).toList()));
        Response response = call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                client -> client.getJobUpdateSummaries(query));
        if (!response.isSetResult() || !response.getResult().isSetGetJobUpdateSummariesResult()) {
            return List.of();
        }
        return response.getResult().getGetJobUpdateSummariesResult().getUpdates().stream()
                .map(JobUpdateView::of).toList();
    }

    /** One update of the job with its instances and events; the newest when id is empty. */
    public JobUpdateView jobUpdate(JobKey job, String id) throws SchedulerException {
        Response response = call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                client -> client.getJobUpdateDetails(ThriftCodec.toThrift(job), id));
        if (!response.isSetResult() || !response.getResult().isSetGetJobUpdateDetailsResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + schedulerUri() + " answered without the update", null);
        }
        return JobUpdateView.of(response.getResult().getGetJobUpdateDetailsResult().getDetails());
    }

    /** The role's quota and what its active tasks hold. */
    public RoleQuota quota(String role) throws SchedulerException {
        Response response = call("ReadOnlyScheduler", ReadOnlyScheduler.Client::new,
                client -> client.getQuota(role));
        if (!response.isSetResult() || !response.getResult().isSetGetQuotaResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED,
                    "scheduler at " + schedulerUri() + " answered getQuota without a quota", null);
        }
        GetQuotaResult result = response.getResult().getGetQuotaResult();
        return new RoleQuota(resources(result.getQuota()),
                resources(result.getProdSharedConsumption()),
                resources(result.getNonProdSharedConsumption()),
                resources(result.getProdDedicatedConsumption()),
                resources(result.getNonProdDedicatedConsumption()));
    }

    private static Resources resources(io.borealis.api.thrift.Resources resources) {
        return resources == null ? new Resources(0, 0, 0, 0) : ThriftCodec.fromThrift(resources);
    }

    /** One Thrift call with its failure mapping. */
    interface Call<C> {
        Response apply(C client) throws TException;
    }

    /**
     * Calls {@code service} on the scheduler: the answer when it is OK (or WARNING), else a
     * {@link SchedulerException} saying why. {@link AdminClient} uses it too.
     */
    <C extends org.apache.thrift.TServiceClient> Response call(String service,
            java.util.function.Function<org.apache.thrift.protocol.TProtocol, C> factory,
            Call<C> call) throws SchedulerException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String schedulerUri = null;
        Response response;
        while (true) {
            try {
                schedulerUri = schedulerUri == null
                        ? locator.locate() : locator.relocate(schedulerUri);
                response = attempt(schedulerUri, service, factory, call);
                if (response.getResponseCode() != ResponseCode.NOT_LEADER || !locator.follows()
                        || System.nanoTime() - deadline > 0) {
                    break;
                }
                // A deposed leader refused the call before doing any of it: look again.
            } catch (SchedulerException e) {
                if (!locator.follows() || !noLeaderThere(e)
                        || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            pause();
        }
        return switch (response.getResponseCode()) {
            case OK, WARNING -> response;
            case AUTH_FAILED -> throw new SchedulerException(SchedulerException.Failure.AUTH_FAILED,
                    "not authorized by scheduler at " + schedulerUri + ": "
                            + Responses.message(response), null);
            case INVALID_REQUEST, ERROR, ERROR_TRANSIENT, NOT_LEADER ->
                    throw new SchedulerException(SchedulerException.Failure.REFUSED,
                            "scheduler refused: " + Responses.message(response), null);
        };
    }

    private <C extends org.apache.thrift.TServiceClient> Response attempt(String schedulerUri,
            String service, java.util.function.Function<org.apache.thrift.protocol.TProtocol, C> factory,
            Call<C> call) throws SchedulerException {
        try {
            C client = ThriftHttp.client(schedulerUri + "/api", service, factory,
                    headers.forScheduler(schedulerUri), timeout, trust);
            return call.apply(client);
        } catch (TTransportException e) {
            throw transportFailure(schedulerUri, e);
        } catch (TException e) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED,
                    "unexpected answer from scheduler at " + schedulerUri + ": " + e, e);
        }
    }

    /** The call was not carried out because no leader was where it went: look again. */
    private static boolean noLeaderThere(SchedulerException e) {
        String message = String.valueOf(e.getMessage());
        return e.failure() == SchedulerException.Failure.UNREACHABLE
                || message.contains("answered HTTP 307") || message.contains("answered HTTP 503");
    }

    private static void pause() throws SchedulerException {
        try {
            Thread.sleep(RELOCATE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerException(SchedulerException.Failure.UNREACHABLE,
                    "interrupted while looking for the leading scheduler", e);
        }
    }

    private SchedulerException transportFailure(String schedulerUri, TTransportException e) {
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        Optional<String> tls = Tls.handshakeFailure(e);
        if (tls.isPresent()) {
            // The scheduler could not prove who it is: an authentication failure, not a retry.
            return new SchedulerException(SchedulerException.Failure.AUTH_FAILED,
                    "refusing scheduler at " + schedulerUri + ": " + tls.get()
                            + (trust == null ? "; name the CA that signed it as ca_file in "
                            + "clusters.json" : ""), e);
        }
        if (cause instanceof SocketTimeoutException) {
            return new SchedulerException(SchedulerException.Failure.TIMEOUT, "scheduler at "
                    + schedulerUri + " did not answer within " + timeout.toSeconds() + "s", e);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new SchedulerException(SchedulerException.Failure.UNREACHABLE,
                    "cannot reach scheduler at " + schedulerUri + ": " + cause.getMessage(), e);
        }
        if (message.contains("HTTP Response code: 401")
                || message.contains("HTTP Response code: 403")) {
            return new SchedulerException(SchedulerException.Failure.AUTH_FAILED,
                    "not authorized by scheduler at " + schedulerUri + " ("
                            + message.replace("HTTP Response code: ", "HTTP ") + ")", e);
        }
        if (message.contains("HTTP Response code:")) {
            return new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + schedulerUri() + " answered " + message.replace("HTTP Response code: ",
                    "HTTP "), e);
        }
        return new SchedulerException(SchedulerException.Failure.UNREACHABLE,
                "cannot reach scheduler at " + schedulerUri + ": "
                        + (cause != null ? cause.getMessage() : message), e);
    }
}
