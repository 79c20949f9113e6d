package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.CreateJobResult;
import io.borealis.api.thrift.JobConfiguration;
import io.borealis.api.thrift.JobUpdateCommandResult;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.SchedulerManager;
import io.borealis.api.thrift.StartCronJobResult;
import io.borealis.api.thrift.StartJobUpdateResult;
import io.borealis.scheduler.auth.CallerContext;
import io.borealis.scheduler.cron.CronJobs;
import io.borealis.scheduler.state.JobManager;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.update.UpdateManager;
import java.util.Set;

/**
 * {@code SchedulerManager}: creating jobs, adding instances and killing them; scheduling,
 * descheduling and starting cron jobs; rolling updates. Job keys are
 * checked as they are decoded ({@link JobKey}'s rule); {@link ApiGuard} has authorized the call
 * before it gets here. A job's owner is the authenticated caller (its role when security is off),
 * never what the request says. Thread-safe.
 */
public final class SchedulerManagerHandler implements SchedulerManager.Iface {
    private final JobManager jobs;
    private final UpdateManager updates;
    private final Responses responses;
    private final String publicUrl;
    private final CronJobs cron;

    /** @param publicUrl how users reach this scheduler, for job page links */
    public SchedulerManagerHandler(JobManager jobs, CronJobs cron, UpdateManager updates,
            Responses responses, String publicUrl) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.cron = requireNonNull(cron, "cron is null");
        this.updates = requireNonNull(updates, "updates is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    @Override
    public Response createJob(JobConfiguration description) {
        return responses.run("createJob", () -> {
            io.borealis.api.model.JobConfiguration job = Responses.decode("job configuration",
                    () -> ThriftCodec.fromThrift(withOwner(description)));
            jobs.createJob(job);
            return Result.createJobResult(new CreateJobResult()
                    .setKey(ThriftCodec.toThrift(job.key()))
                    .setJobUrl(jobUrl(publicUrl, job.key())));
        });
    }

    /**
     * The job's owner is who created it: the authenticated principal, or the job's role when
     * security is off. Whatever owner the request names is ignored (it was stored as sent, e.g.
     * {@code mallory<script>}).
     */
    private static JobConfiguration withOwner(JobConfiguration description) {
        if (description == null || !description.isSetKey()) {
            return description;
        }
        String principal = CallerContext.principal();
        return description.deepCopy().setOwner(
                principal != null ? principal : description.getKey().getRole());
    }

    @Override
    public Response killTasks(io.borealis.api.thrift.JobKey job, Set<Integer> instances,
            String message) {
        return responses.run("killTasks", () -> {
            JobKey key = Responses.decode("job key", () -> ThriftCodec.fromThrift(job));
            jobs.killTasks(key, instances == null ? Set.of() : Set.copyOf(instances),
                    message == null ? "" : message);
            return null;
        });
    }

    @Override
    public Response addInstances(io.borealis.api.thrift.InstanceKey key, int count) {
        return responses.run("addInstances", () -> {
            JobKey job = Responses.decode("instance key",
                    () -> key == null ? null : ThriftCodec.fromThrift(key.getJobKey()));
            jobs.addInstances(job, key.getInstanceId(), count);
            return null;
        });
    }

    @Override
    public Response scheduleCronJob(JobConfiguration description) {
        return responses.run("scheduleCronJob", () -> {
            io.borealis.api.model.JobConfiguration job = Responses.decode("job configuration",
                    () -> ThriftCodec.fromThrift(withOwner(description)));
            cron.schedule(job);
            return Result.createJobResult(new CreateJobResult()
                    .setKey(ThriftCodec.toThrift(job.key()))
                    .setJobUrl(jobUrl(publicUrl, job.key())));
        });
    }

    @Override
    public Response startJobUpdate(JobConfiguration description, String message) {
        return responses.run("startJobUpdate", () -> {
            io.borealis.api.model.JobConfiguration job = Responses.decode("job configuration",
                    () -> ThriftCodec.fromThrift(withOwner(description)));
            String id = updates.start(job, caller(job.key()), text(message));
            return Result.startJobUpdateResult(new StartJobUpdateResult().setUpdateId(id));
        });
    }

    @Override
    public Response restartJob(io.borealis.api.thrift.JobKey job, Set<Integer> instances,
            io.borealis.api.thrift.RestartSettings settings, String message) {
        return responses.run("restartJob", () -> {
            JobKey key = Responses.decode("job key", () -> ThriftCodec.fromThrift(job));
            String id = updates.restart(key, instances == null ? Set.of() : Set.copyOf(instances),
                    ThriftCodec.fromThrift(settings), caller(key), text(message));
            return Result.startJobUpdateResult(new StartJobUpdateResult().setUpdateId(id));
        });
    }

    @Override
    public Response descheduleCronJob(io.borealis.api.thrift.JobKey job) {
        return responses.run("descheduleCronJob", () -> {
            JobKey key = Responses.decode("job key", () -> ThriftCodec.fromThrift(job));
            cron.deschedule(key);
            return null;
        });
    }

    @Override
    public Response startCronJob(io.borealis.api.thrift.JobKey job) {
        return responses.run("startCronJob", () -> {
            JobKey key = Responses.decode("job key", () -> ThriftCodec.fromThrift(job));
            return Result.startCronJobResult(
                    new StartCronJobResult(ThriftCodec.toThrift(cron.start(key))));
        });
    }

    @Override
    public Response pauseJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        return command("pauseJobUpdate", job, message, updates::pause);
    }

    @Override
    public Response resumeJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        return command("resumeJobUpdate", job, message, updates::resume);
    }

    @Override
    public Response abortJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        return command("abortJobUpdate", job, message, updates::abort);
    }

    @Override
    public Response rollbackJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        return command("rollbackJobUpdate", job, message, updates::rollback);
    }

    @Override
    public Response pulseJobUpdate(io.borealis.api.thrift.JobKey job, String message) {
        return command("pulseJobUpdate", job, message, updates::pulse);
    }

    private interface UpdateCommand {
        JobUpdate apply(JobKey job, String user, String message);
    }

    private Response command(String method, io.borealis.api.thrift.JobKey job, String message,
            UpdateCommand command) {
        return responses.run(method, () -> {
            JobKey key = Responses.decode("job key", () -> ThriftCodec.fromThrift(job));
            JobUpdate update = command.apply(key, caller(key), text(message));
            return Result.jobUpdateCommandResult(
                    new JobUpdateCommandResult(UpdateViews.summary(update)));
        });
    }

    /** Who acts: the authenticated principal, or the job's role when security is off. */
    private static String caller(JobKey key) {
        String principal = CallerContext.principal();
        return principal != null ? principal : key.role();
    }

    private static String text(String message) {
        return message == null ? "" : message;
    }

    /** {@code PUBLIC_URL/scheduler/ROLE/ENV/NAME}. */
    public static String jobUrl(String publicUrl, JobKey key) {
        String base = publicUrl.endsWith("/")
                ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/scheduler/" + key.role() + "/" + key.environment() + "/" + key.name();
    }
}
