package io.borealis.scheduler.metrics;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.StoreProvider;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Times each storage write from its call to its return (waiting for the write lock, the work and
 * the commit), as {@code committed} or {@code failed}. A write called inside another joins it and
 * is not timed again. Reads pass through untimed. Thread-safe as the storage it decorates.
 */
public final class MeteredStorage implements Storage {
    private final Storage delegate;
    private final SchedulerMetrics metrics;
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

    public MeteredStorage(Storage delegate, SchedulerMetrics metrics) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        // Registered at zero: dashboards see the series before the first write.
        metrics.storageWrite("committed");
        metrics.storageWrite("failed");
    }

    @Override
    public <T> T read(Function<StoreProvider, T> work) {
        return delegate.read(work);
    }

    @Override
    public <T> T write(Function<MutableStoreProvider, T> work) {
        if (writing.get()) {
            return delegate.write(work);
        }
        writing.set(true);
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            T result = delegate.write(work);
            outcome = "committed";
            return result;
        } finally {
            writing.set(false);
            metrics.storageWrite(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public long claimLeadership() {
        return delegate.claimLeadership();
    }
}
