package io.borealis.scheduler.app;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.storage.FencedException;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.StoreProvider;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The leader's store, which tells the leader it was deposed: a write refused because another
 * scheduler has claimed the store ({@link FencedException}) calls {@code deposed} with the
 * reason, then fails as it would have. Whichever loop or request made the write, the replica
 * steps down ({@link Replica}) instead of going on as a leader nothing it does can reach.
 */
final class StepDownOnFence implements Storage {
    private final Storage delegate;
    private final Consumer<String> deposed;

    StepDownOnFence(Storage delegate, Consumer<String> deposed) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.deposed = requireNonNull(deposed, "deposed is null");
    }

    @Override
    public <T> T read(Function<StoreProvider, T> work) {
        return delegate.read(work);
    }

    @Override
    public <T> T write(Function<MutableStoreProvider, T> work) {
        try {
            return delegate.write(work);
        } catch (FencedException e) {
            deposed.accept("another scheduler has claimed the store: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public long claimLeadership() {
        return delegate.claimLeadership();
    }
}
