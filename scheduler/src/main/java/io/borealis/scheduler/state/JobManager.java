package io.borealis.scheduler.state;

import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.validation.JobValidator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and kills jobs: each call is one write, so a refused request changes nothing.
 * Thread-safe.
 */
public final class JobManager {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final Storage storage;
    private final StateManager stateManager;
    private final JobValidator validator;

    public JobManager(Storage storage, StateManager stateManager, JobValidator validator) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.validator = requireNonNull(validator, "validator is null");
    }

    /**
     * Validates and stores {@code job} and creates its instances as PENDING tasks.
     *
     * @throws PlatformException INVALID_REQUEST naming every problem; JOB_EXISTS when a job with
     *     this key is stored
     */
    public List<Task> createJob(JobConfiguration job) {
        validator.validate(job);
        return storage.write(store -> {
            if (store.jobs().fetch(job.key()).isPresent()) {
                throw new PlatformException(ErrorCode.JOB_EXISTS,
                        "job " + job.key() + " already exists");
            }
            store.jobs().save(job);
            List<Task> tasks = stateManager.insertPendingTasks(store, job.taskConfig(),
                    IntStream.range(0, job.instanceCount()).boxed().toList());
            LOG.info("job {} created with {} instances", job.key(), job.instanceCount());
            return tasks;
        });
    }

    /**
     * Kills the active tasks of {@code instances} of {@code key}, or of every instance when
     * {@code instances} is empty. A killall also removes the job's configuration at once; its
     * tasks and their events stay queryable.
     *
     * @return the results, one per task the kill touched
     * @throws PlatformException JOB_NOT_FOUND when no job has this key
     */
    public List<TransitionResult> killTasks(JobKey key, Set<Integer> instances, String message) {
        String reason = message == null || message.isBlank()
                ? "Killed by user" : "Killed by user: " + message;
        return storage.write(store -> {
            if (store.jobs().fetch(key).isEmpty()) {
                throw new PlatformException(ErrorCode.JOB_NOT_FOUND,
                        "job " + key + " does not exist");
            }
            List<TaskId> ids = store.tasks().activeOfJob(key).stream()
                    .filter(task -> instances.isEmpty() || instances.contains(task.instanceId()))
                    .map(Task::id)
                    .toList();
            List<TransitionResult> results =
                    stateManager.changeState(store, ids, TaskStatus.KILLING, reason);
            if (instances.isEmpty() && store.jobs().delete(key)) {
                LOG.info("job {} removed by a killall ({} tasks killed)", key, ids.size());
            }
            return results;
        });
    }
}
