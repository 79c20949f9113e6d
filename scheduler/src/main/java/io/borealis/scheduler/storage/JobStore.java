package io.borealis.scheduler.storage;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import java.util.List;
import java.util.Optional;

/** Job configurations by key. */
public interface JobStore {
    Optional<JobConfiguration> fetch(JobKey key);

    /** Every job, ordered by key. */
    List<JobConfiguration> fetchAll();

    /** The jobs of {@code role}, ordered by key. */
    List<JobConfiguration> fetchByRole(String role);

    interface Mutable extends JobStore {
        /** Inserts or replaces the job with this key. */
        void save(JobConfiguration job);

        /** Removes the job; false when there was none. Its tasks stay. */
        boolean delete(JobKey key);
    }
}
