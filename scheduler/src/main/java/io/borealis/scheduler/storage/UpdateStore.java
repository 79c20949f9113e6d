package io.borealis.scheduler.storage;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.JobUpdateStatus;
import io.borealis.api.model.TaskConfig;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Rolling updates: each update, its configurations, its instances and its events. */
public interface UpdateStore {
    Optional<JobUpdate> fetch(String id);

    /** The job's active update, if any (there is at most one). */
    Optional<JobUpdate> active(JobKey job);

    /** Every active update, oldest first. */
    List<JobUpdate> allActive();

    /**
     * Updates of {@code job} (or of every job of {@code role} when job is null), newest first,
     * limited to {@code statuses} unless it is empty.
     */
    List<JobUpdate> query(@Nullable JobKey job, @Nullable String role,
            Collection<JobUpdateStatus> statuses);

    /** The update's configurations by ordinal: 0 is the new one. */
    List<TaskConfig> configs(String id);

    /** Its instances in instance order. */
    List<UpdateInstance> instances(String id);

    /**
     * Its instances in one of {@code states}, in instance order: what a round of the update
     * controller needs (those in flight, those that failed) without reading every instance.
     */
    List<UpdateInstance> instances(String id, Set<UpdateInstance.State> states);

    /**
     * Up to {@code limit} of its PENDING instances, lowest instance first (highest first when
     * {@code descending}, as a roll back goes): the next ones to start.
     */
    List<UpdateInstance> pending(String id, int limit, boolean descending);

    /** The highest batch one of its instances was started in; 0 before the first. */
    int lastBatch(String id);

    /** Its events, oldest first. */
    List<UpdateEvent> events(String id);

    interface Mutable extends UpdateStore {
        /**
         * Stores a new update with its configurations and instances.
         *
         * @throws io.borealis.scheduler.error.PlatformException INVALID_REQUEST when the job
         *     already has an active update
         */
        void insert(JobUpdate update, List<TaskConfig> configs, List<UpdateInstance> instances);

        /** Replaces the update's own fields (status, message, pulse, timestamps). */
        void save(JobUpdate update);

        void saveInstance(String id, UpdateInstance instance);

        void addEvent(String id, UpdateEvent event);
    }
}
