package io.borealis.scheduler.state;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.validation.JobValidator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates jobs, adds instances and kills them: each call is one write, so a refused request
 * changes nothing. New production work passes the role's quota check inside that write.
 * Thread-safe.
 */
public final class JobManager {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final Storage storage;
    private final StateManager stateManager;
    private final JobValidator validator;
    private final QuotaManager quotas;

    public JobManager(Storage storage, StateManager stateManager, JobValidator validator,
            QuotaManager quotas) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /**
     * Validates and stores {@code job} and creates its instances as PENDING tasks.
     *
     * @throws PlatformException INVALID_REQUEST naming every problem, or for a cron job (those
     *     are scheduled by {@code CronJobs}); JOB_EXISTS when a job with
     *     this key is stored; INSUFFICIENT_QUOTA when production work does not fit its role's
     *     quota
     */
    public List<Task> createJob(JobConfiguration job) {
        if (job.cronSchedule() != null) {
            throw PlatformException.invalid("job " + job.key() + " is a cron job (cronSchedule '"
                    + job.cronSchedule() + "'): schedule it with 'borealis cron schedule'");
        }
        validator.validate(job);
        return storage.write(store -> {
            if (store.jobs().fetch(job.key()).isPresent()) {
                throw new PlatformException(ErrorCode.JOB_EXISTS,
                        "job " + job.key() + " already exists");
            }
            quotas.admit(store, job.taskConfig(), job.instanceCount());
            store.jobs().save(job);
            List<Task> tasks = stateManager.insertPendingTasks(store, job.taskConfig(),
                    IntStream.range(0, job.instanceCount()).boxed().toList());
            LOG.info("job {} created with {} instances", job.key(), job.instanceCount());
            return tasks;
        });
    }

    /**
     * Adds {@code count} instances to {@code key}, numbered after its highest active instance,
     * each a PENDING copy of the configuration of active instance {@code instanceId} (Aurora's
     * {@code addInstances}). The job's stored instance count becomes the highest instance id
     * plus one.
     *
     * @return the new tasks, in instance order
     * @throws PlatformException INVALID_REQUEST for a count outside 1 to
     *     {@value JobValidator#MAX_INSTANCES}, an instance that is not active, or a job that
     *     would pass {@value JobValidator#MAX_INSTANCES} instances; JOB_NOT_FOUND when no job has
     *     this key; INSUFFICIENT_QUOTA when production work does not fit its role's quota;
     *     INVALID_REQUEST while an update of the job is active
     */
    public List<Task> addInstances(JobKey key, int instanceId, int count) {
        requireNonNull(key, "key is null");
        if (count < 1 || count > JobValidator.MAX_INSTANCES) {
            throw PlatformException.invalid("count must be from 1 to "
                    + JobValidator.MAX_INSTANCES + ", got " + count);
        }
        return storage.write(store -> {
            JobConfiguration job = store.jobs().fetch(key).orElseThrow(() ->
                    new PlatformException(ErrorCode.JOB_NOT_FOUND, "job " + key
                            + " does not exist"));
            if (job.cronSchedule() != null) {
                throw PlatformException.invalid("job " + key + " is a cron job: change its "
                        + "instances with 'borealis cron schedule'");
            }
            refuseDuringUpdate(store, key, "add instances to");
            List<Task> active = store.tasks().activeOfJob(key);
            Task template = active.stream().filter(task -> task.instanceId() == instanceId)
                    .findFirst()
                    .orElseThrow(() -> PlatformException.invalid("instance " + instanceId
                            + " of job " + key + " is not active: give an active instance to "
                            + "copy"));
            int first = active.stream().mapToInt(Task::instanceId).max().orElse(-1) + 1;
            if ((long) first + count > JobValidator.MAX_INSTANCES) {
                throw PlatformException.invalid("job " + key + " would have " + (first + count)
                        + " instances; at most " + JobValidator.MAX_INSTANCES + " are allowed");
            }
            quotas.admit(store, template.config(), count);
            store.jobs().save(job.withInstanceCount(first + count));
            List<Task> tasks = stateManager.insertPendingTasks(store, template.config(),
                    IntStream.range(first, first + count).boxed().toList());
            LOG.info("job {}: added instances {}-{} copied from instance {}", key, first,
                    first + count - 1, instanceId);
            return tasks;
        });
    }

    /**
     * Refuses to change the instances of a job under an active update, which would fight the
     * update over them (Aurora's trap: a kill during an update let the updater bring instances
     * back). The message names the update and how to end it.
     */
    private static void refuseDuringUpdate(StoreProvider store, JobKey key, String what) {
        store.updates().active(key).ifPresent(update -> {
            throw PlatformException.invalid("cannot " + what + " job " + key
                    + " while update " + update.id() + " is " + update.status() + ": end it "
                    + "first with 'borealis update abort " + key + "' (or wait for it)");
        });
    }

    /**
     * Kills the active tasks of {@code instances} of {@code key}, or of every instance when
     * {@code instances} is empty. A killall also removes the job's configuration at once (but not
     * a cron job's: it kills the current run, and the schedule stays); its tasks and their
     * events stay queryable.
     *
     * @return the results, one per task the kill touched
     * @throws PlatformException JOB_NOT_FOUND when no job has this key and no active task does
     *     (the tasks of a descheduled cron job's run have no job, and can be killed);
     *     INVALID_REQUEST while an update of the job is active
     */
    public List<TransitionResult> killTasks(JobKey key, Set<Integer> instances, String message) {
        String reason = message == null || message.isBlank()
                ? "Killed by user" : "Killed by user: " + message;
        return storage.write(store -> {
            Optional<JobConfiguration> job = store.jobs().fetch(key);
            List<Task> active = store.tasks().activeOfJob(key);
            // A descheduled cron job's run has tasks and no configuration: they can be killed.
            if (job.isEmpty() && active.isEmpty()) {
                throw new PlatformException(ErrorCode.JOB_NOT_FOUND,
                        "job " + key + " does not exist");
            }
            refuseDuringUpdate(store, key, instances.isEmpty() ? "kill every instance of"
                    : "kill instances of");
            List<TaskId> ids = active.stream()
                    .filter(task -> instances.isEmpty() || instances.contains(task.instanceId()))
                    .map(Task::id)
                    .toList();
            List<TransitionResult> results =
                    stateManager.changeState(store, ids, TaskStatus.KILLING, reason);
            if (instances.isEmpty() && job.filter(j -> j.cronSchedule() == null).isPresent()
                    && store.jobs().delete(key)) {
                LOG.info("job {} removed by a killall ({} tasks killed)", key, ids.size());
            }
            return results;
        });
    }
}
