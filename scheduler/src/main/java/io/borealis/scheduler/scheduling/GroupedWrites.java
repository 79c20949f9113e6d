package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Applies requests that arrive while a write of earlier ones is under way together, in the next
 * write: many callers at once cost one write, not one each (GroupCommit's idea, one level up).
 * A caller queues its request and waits for the group lock; whoever holds it takes every queued
 * request and applies them, in arrival order, in one {@link Storage#write}. Each caller returns
 * once the write that holds its request has returned (committed and durable, as every write),
 * with its own result. When one request of a group fails, nothing of the group is kept and each
 * request is applied again in a write of its own, so that a request fails alone, as it would
 * without grouping. Thread-safe; callers must not be inside a write.
 *
 * @param <R> a request
 * @param <T> what applying it answers
 */
final class GroupedWrites<R, T> {
    /** Applies one request inside a write (which may hold others before and after it). */
    interface Step<R, T> {
        T apply(MutableStoreProvider store, R request);
    }

    private final Storage storage;
    private final Step<R, T> step;
    private final Queue<Pending<R, T>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock grouping = new ReentrantLock();

    GroupedWrites(Storage storage, Step<R, T> step) {
        this.storage = requireNonNull(storage, "storage is null");
        this.step = requireNonNull(step, "step is null");
    }

    /**
     * Applies {@code request}, with whatever other requests are waiting.
     *
     * @throws RuntimeException what applying it alone threw
     */
    T apply(R request) {
        Pending<R, T> mine = new Pending<>(request);
        queued.add(mine);
        grouping.lock();
        try {
            // A holder before us that took our request completed it before letting go.
            if (!mine.done) {
                List<Pending<R, T>> group = new ArrayList<>();
                for (Pending<R, T> next; (next = queued.poll()) != null; ) {
                    group.add(next);
                }
                write(group);
            }
        } finally {
            grouping.unlock();
        }
        if (mine.error != null) {
            throw mine.error;
        }
        return mine.result;
    }

    /** Under the group lock. */
    private void write(List<Pending<R, T>> group) {
        if (group.size() > 1) {
            try {
                List<T> results = storage.write(store -> {
                    List<T> answers = new ArrayList<>(group.size());
                    for (Pending<R, T> pending : group) {
                        answers.add(step.apply(store, pending.request));
                    }
                    return answers;
                });
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).complete(results.get(i), null);
                }
                return;
            } catch (RuntimeException e) {
                // Rolled back as a whole: each on its own below, so that only the culprit fails.
            }
        }
        for (Pending<R, T> pending : group) {
            try {
                pending.complete(storage.write(store -> step.apply(store, pending.request)), null);
            } catch (RuntimeException e) {
                pending.complete(null, e);
            }
        }
    }

    /** A queued request; its outcome is written and read under the group lock. */
    private static final class Pending<R, T> {
        final R request;
        boolean done;
        @Nullable T result;
        @Nullable RuntimeException error;

        Pending(R request) {
            this.request = request;
        }

        void complete(@Nullable T answer, @Nullable RuntimeException failure) {
            result = answer;
            error = failure;
            done = true;
        }
    }
}
