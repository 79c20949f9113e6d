package io.borealis.scheduler.storage;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.TaskEvent;
import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tasks, active and terminal, and their events. Lookups of active tasks ({@link #active},
 * {@link #activeOnAgent}, {@link #activeOfJob}, {@link #activeOfRole}, {@link #fetch}) and the
 * events of active tasks are served from memory; queries that can match terminal tasks go to the
 * database.
 */
public interface TaskStore {
    Optional<Task> fetch(TaskId id);

    /** Tasks matching {@code query}, ordered by job key, instance and task id. */
    List<Task> query(TaskQuery query);

    /** Every active (non-terminal) task, in no particular order. */
    List<Task> active();

    /** The active tasks placed on {@code agentId}. */
    List<Task> activeOnAgent(String agentId);

    /** The active tasks of {@code job}. */
    List<Task> activeOfJob(JobKey job);

    /**
     * Whether {@code job} has an active task: what {@code activeOfJob(job).isEmpty()} answers,
     * without copying the job's tasks (asked after every status report that ends a task).
     */
    boolean hasActive(JobKey job);

    /** The active tasks of every job of {@code role} (what its quota counts). */
    List<Task> activeOfRole(String role);

    /** The events of each of {@code ids}, oldest first; a task without events maps to nothing. */
    Map<TaskId, List<TaskEvent>> events(Collection<TaskId> ids);

    /**
     * Terminal tasks the history policy lets go (reference §2.9), those that ended longest ago
     * first, at most {@code limit}: every terminal task that ended before {@code endedBefore},
     * and in each job every terminal task beyond the {@code keepPerJob} that ended most recently,
     * if it ended before {@code retainedSince}. "Ended" is the task's status timestamp.
     */
    List<TaskId> expiredHistory(long endedBefore, int keepPerJob, long retainedSince, int limit);

    /**
     * How many stored tasks are in each status, active and ended (statuses without tasks are
     * left out). One {@code GROUP BY} over the tasks table: for metrics, not for every call.
     */
    Map<TaskStatus, Long> countByStatus();

    interface Mutable extends TaskStore {
        /** Inserts or replaces the task with this id. Writes are batched until commit. */
        void save(Task task);

        /** Appends one event to the task's history. */
        void addEvent(TaskId id, TaskEvent event);

        /**
         * Deletes the terminal tasks among {@code ids} with their events, and then every task
         * configuration that neither a remaining task nor a job refers to. Active and unknown
         * ids are skipped: an active task is never deleted. Batched: each statement takes many
         * ids, not one per task.
         *
         * @return how many tasks were deleted
         */
        int prune(Collection<TaskId> ids);
    }
}
