package io.borealis.scheduler.storage;

import java.util.function.Function;

/**
 * Units of work over the scheduler's state.
 *
 * <p>Writes are serialised: at most one runs at a time, and it sees its own changes. A write that
 * throws changes nothing and runs none of its after-commit actions. A {@code read} or
 * {@code write} called from inside a write joins that write. Reads never block on writes and see
 * committed state. Every method is thread-safe.
 *
 * <p>Fencing: the storage keeps a write epoch that each scheduler bumps when it becomes leader
 * ({@link #claimLeadership}). Every write first checks, with the epoch's row locked until it
 * commits, that the epoch is still the one this storage claimed (0, nobody, for one that never
 * claimed) and fails with {@link FencedException} otherwise. So once a new leader has claimed,
 * no write of a deposed one lands.
 */
public interface Storage {
    <T> T read(Function<StoreProvider, T> work);

    /**
     * Runs {@code work} in one write transaction and returns its result.
     *
     * @throws FencedException when another scheduler has claimed the storage since this one did;
     *     nothing of the write is stored
     */
    <T> T write(Function<MutableStoreProvider, T> work);

    /**
     * Claims the storage for this scheduler, which has just become leader: increments the
     * stored write epoch and makes it this storage's, so that the writes of any earlier leader
     * fail from now on. Waits for a write of the previous leader that is under way to commit
     * first. Reloads what the storage keeps in memory from the stored state, which the previous
     * leader may have changed.
     *
     * @return the epoch claimed
     */
    long claimLeadership();
}
