package io.borealis.cli.testing

import io.borealis.api.model.Resources
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AssignedTask
import io.borealis.api.thrift.CreateJobResult
import io.borealis.api.thrift.GetJobsResult
import io.borealis.api.thrift.GetQuotaResult
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.Result
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduleStatusResult
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.SchedulerManager
import io.borealis.api.thrift.TaskConfig
import io.borealis.api.thrift.TaskEvent
import io.borealis.api.thrift.TaskQuery
import java.nio.ByteBuffer
import org.apache.thrift.TMultiplexedProcessor
import org.eclipse.jetty.http.HttpHeader
import org.eclipse.jetty.io.Content
import org.eclipse.jetty.server.Handler
import org.eclipse.jetty.server.Request
import org.eclipse.jetty.server.Server
import org.eclipse.jetty.server.ServerConnector
import org.eclipse.jetty.util.Callback

/**
 * A stand-in for the scheduler, which is a remote process to the client: real Jetty on an
 * ephemeral port, real Thrift JSON over HTTP, in-memory jobs and tasks that a spec arranges.
 */
class FakeScheduler implements ReadOnlyScheduler.Iface, SchedulerManager.Iface, AutoCloseable {
    final List<JobConfiguration> created = [].asSynchronized()
    /** What scheduleCronJob received. */
    final List<JobConfiguration> cronScheduled = [].asSynchronized()
    final List<Map> kills = [].asSynchronized()
    final List<ScheduledTask> tasks = [].asSynchronized()
    final List<TaskQuery> queries = [].asSynchronized()
    final List<Map> added = [].asSynchronized()
    /** What startJobUpdate received. */
    final List<JobConfiguration> updatesStarted = [].asSynchronized()
    /** What restartJob received: job, instances, settings (Thrift), message. */
    final List<Map> restarts = [].asSynchronized()
    /**
     * What getJobUpdateDetails answers, one per call; the last one is repeated. restartJob
     * answers with the id of the first.
     */
    final List<io.borealis.api.thrift.JobUpdateDetails> updateDetails = [].asSynchronized()
    /** What getQuota answers, by role; a role not here has all zeros. */
    final Map<String, GetQuotaResult> quotas = [:].asSynchronized()
    /** When set, every write call is answered with this code and message. */
    ResponseCode refuseWith
    String refusal = 'refused'
    /** When set, requests without exactly this Authorization header get HTTP 401. */
    String requiredAuthorization
    /** Called after each getTasksStatus, e.g. to move tasks along. */
    Closure afterQuery = {}

    private final Server server

    /** The configuration every arranged task carries. */
    static final TaskConfig CONFIG = ThriftCodec.toThrift(new io.borealis.api.model.TaskConfig(
            new io.borealis.api.model.JobKey('www-data', 'prod', 'hello'), true, 0, false, null, 1,
            new Resources(0.1d, 16, 16, 0), [], [] as Set,
            new TaskSpec('hello', [], [], 1, 0, 30, null, null), null, [], null, null, null, null))

    FakeScheduler() {
        def processor = new TMultiplexedProcessor()
        processor.registerProcessor('ReadOnlyScheduler', new ReadOnlyScheduler.Processor(this))
        processor.registerProcessor('SchedulerManager', new SchedulerManager.Processor(this))
        server = new Server(new InetSocketAddress('127.0.0.1', 0))
        server.handler = new Handler.Abstract() {
            @Override
            boolean handle(Request request, org.eclipse.jetty.server.Response response,
                    Callback callback) {
                if (requiredAuthorization != null
                        && request.headers.get(HttpHeader.AUTHORIZATION) != requiredAuthorization) {
                    response.status = 401
                    response.write(true, ByteBuffer.allocate(0), callback)
                    return true
                }
                def out = new ByteArrayOutputStream()
                ThriftHttp.process(processor, Content.Source.asInputStream(request), out)
                response.headers.put(HttpHeader.CONTENT_TYPE, ThriftHttp.CONTENT_TYPE)
                response.write(true, ByteBuffer.wrap(out.toByteArray()), callback)
                true
            }
        }
        server.start()
    }

    String uri() {
        "http://127.0.0.1:${((ServerConnector) server.connectors[0]).localPort}".toString()
    }

    @Override
    void close() {
        server.stop()
    }

    /** A task of www-data/prod/hello in {@code status}, with one event per status given. */
    static ScheduledTask task(int instance, ScheduleStatus status, String host = 'agent-0',
            List<ScheduleStatus> history = [ScheduleStatus.PENDING, status]) {
        def key = new JobKey('www-data', 'prod', 'hello')
        def assigned = new AssignedTask().setTaskId("1000-www-data-prod-hello-$instance-abcdef01")
                .setTask(CONFIG).setInstanceId(instance)
        if (host != null) {
            assigned.setAgentHost(host).setAgentId(host)
        }
        new ScheduledTask().setAssignedTask(assigned).setStatus(status)
                .setTaskEvents(history.withIndex().collect { s, i ->
                    new TaskEvent().setTimestamp(1000L * (i + 1)).setStatus(s).setMessage("to $s")
                })
    }

    @Override
    Response createJob(JobConfiguration description) {
        if (refuseWith != null) {
            return Responses.error(refuseWith, refusal)
        }
        created << description
        (0..<description.instanceCount).each { i ->
            tasks << task(i, ScheduleStatus.PENDING, null, [ScheduleStatus.PENDING])
        }
        Responses.ok(Result.createJobResult(new CreateJobResult().setKey(description.key)
                .setJobUrl("${uri()}/scheduler/www-data/prod/hello")))
    }

    @Override
    Response addInstances(io.borealis.api.thrift.InstanceKey key, int count) {
        if (refuseWith != null) {
            return Responses.error(refuseWith, refusal)
        }
        added << [job: key.jobKey, instance: key.instanceId, count: count]
        Responses.ok()
    }

    @Override
    Response getQuota(String ownerRole) {
        if (refuseWith != null) {
            return Responses.error(refuseWith, refusal)
        }
        queriedRoles << ownerRole
        def zero = new io.borealis.api.thrift.Resources(0, 0, 0, 0)
        Responses.ok(Result.getQuotaResult(quotas[ownerRole]
                ?: new GetQuotaResult(zero, zero, zero, zero, zero)))
    }

    /** The roles getQuota was asked about. */
    final List<String> queriedRoles = [].asSynchronized()

    @Override
    Response scheduleCronJob(JobConfiguration description) {
        if (refuseWith != null) {
            return Responses.error(refuseWith, refusal)
        }
        cronScheduled << description
        Responses.ok()
    }

    @Override
    Response descheduleCronJob(JobKey job) {
        Responses.error(ResponseCode.INVALID_REQUEST, 'descheduleCronJob is not arranged')
    }

    @Override
    Response startCronJob(JobKey job) {
        Responses.error(ResponseCode.INVALID_REQUEST, 'startCronJob is not arranged')
    }

    @Override
    Response getCronJob(JobKey job) {
        Responses.error(ResponseCode.INVALID_REQUEST, 'getCronJob is not arranged')
    }

    @Override
    Response getTierConfigs() {
        Responses.error(ResponseCode.INVALID_REQUEST, 'getTierConfigs is not arranged')
    }

    @Override
    Response killTasks(JobKey job, Set<Integer> instances, String message) {
        if (refuseWith != null) {
            return Responses.error(refuseWith, refusal)
        }
        kills << [job: job, instances: instances, message: message]
        Responses.ok()
    }

    /**
     * Narrows by every field set; an empty set narrows nothing, because the model's TaskQuery
     * cannot tell an empty set from an unset one (ThriftCodec sends both as empty sets).
     */
    @Override
    Response getTasksStatus(TaskQuery query) {
        queries << query
        def matching = tasks.findAll { ScheduledTask t ->
            def key = t.assignedTask.task.job
            (!query.isSetRole() || query.role == key.role) &&
                    (!query.isSetEnvironment() || query.environment == key.environment) &&
                    (!query.isSetJobName() || query.jobName == key.name) &&
                    (!query.statuses || t.status in query.statuses) &&
                    (!query.instanceIds || t.assignedTask.instanceId in query.instanceIds)
        }.collect { it.deepCopy() }
        afterQuery.call()
        Responses.ok(Result.scheduleStatusResult(new ScheduleStatusResult().setTasks(matching)))
    }

    /** The same tasks as getTasksStatus: the arranged configurations have no processes. */
    @Override
    Response getTasksWithoutConfigs(TaskQuery query) {
        getTasksStatus(query)
    }

    @Override
    Response getJobUpdateSummaries(io.borealis.api.thrift.JobUpdateQuery query) {
        notFaked('getJobUpdateSummaries')
    }

    @Override
    Response getJobUpdateDetails(io.borealis.api.thrift.JobKey job, String updateId) {
        if (updateDetails.isEmpty()) {
            return notFaked('getJobUpdateDetails')
        }
        def details = updateDetails.size() > 1 ? updateDetails.remove(0) : updateDetails[0]
        Responses.ok(Result.getJobUpdateDetailsResult(
                new io.borealis.api.thrift.GetJobUpdateDetailsResult(details)))
    }

    @Override
    Response restartJob(io.borealis.api.thrift.JobKey job, Set<Integer> instances,
            io.borealis.api.thrift.RestartSettings settings, String message) {
        if (refuseWith != null) {
            return Responses.error(refuseWith, refusal)
        }
        restarts << [job: job, instances: instances, settings: settings, message: message]
        if (updateDetails.isEmpty()) {
            return notFaked('restartJob')
        }
        Responses.ok(Result.startJobUpdateResult(new io.borealis.api.thrift.StartJobUpdateResult()
                .setUpdateId(updateDetails[0].summary.id)))
    }

    @Override
    Response startJobUpdate(io.borealis.api.thrift.JobConfiguration description, String message) {
        updatesStarted << description
        notFaked('startJobUpdate')
    }

    @Override
    Response pauseJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        notFaked('pauseJobUpdate')
    }

    @Override
    Response resumeJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        notFaked('resumeJobUpdate')
    }

    @Override
    Response abortJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        notFaked('abortJobUpdate')
    }

    @Override
    Response rollbackJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        notFaked('rollbackJobUpdate')
    }

    @Override
    Response pulseJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        notFaked('pulseJobUpdate')
    }

    /**
     * Updates are tested against the real scheduler (RollingUpdateSpec), not this fake; only
     * restartJob and getJobUpdateDetails answer what a spec arranges.
     */
    private static Response notFaked(String method) {
        Responses.error(ResponseCode.ERROR, method + ' is not faked')
    }

    @Override
    Response getScheduler() {
        Responses.ok(Result.getSchedulerResult(
                new io.borealis.api.thrift.GetSchedulerResult(uri(), true)))
    }

    @Override
    Response getJobs(String ownerRole) {
        Responses.ok(Result.getJobsResult(new GetJobsResult().setConfigs(
                created.findAll { ownerRole == '' || it.key.role == ownerRole })))
    }

    @Override
    Response getRoleSummary() {
        Responses.ok()
    }
}
