package io.borealis.scheduler.storage;

import java.util.function.Function;

/**
 * Units of work over the scheduler's state.
 *
 * <p>Writes are serialised: at most one runs at a time, and it sees its own changes. A write that
 * throws changes nothing and runs none of its after-commit actions. A {@code read} or
 * {@code write} called from inside a write joins that write. Reads never block on writes and see
 * committed state. Every method is thread-safe.
 */
public interface Storage {
    <T> T read(Function<StoreProvider, T> work);

    <T> T write(Function<MutableStoreProvider, T> work);
}
