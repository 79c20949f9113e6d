package io.borealis.scheduler.storage.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Group commit: a write is acknowledged only once its changes are in the database file, but one
 * file write carries every write committed before it began. Transactions commit into H2's
 * in-memory store under the storage's write lock; the file write happens after the lock is
 * released, so while one writer waits for it the next ones commit, and the next file write takes
 * them all. (With H2 writing each commit itself, {@code WRITE_DELAY 0}, that write was 44% of a
 * status update call, made inside the lock: writers queued behind each other's file writes.)
 *
 * <p>The file write is H2's own {@link MVStore#commit()}: it stores every change made so far,
 * uncommitted ones of a transaction still running too, which H2 rolls back when it opens a file
 * a crash left behind. One {@code pwrite} per group, no fsync: a write survives a crash of the
 * process, not of the machine (as before).
 */
final class GroupCommit {
    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock flushing = new ReentrantLock();
    private long durableThrough; // guarded by flushing

    /**
     * Counts a transaction that has just committed (its changes are in the store's maps).
     *
     * @return its ticket for {@link #awaitDurable}
     */
    long committed() {
        return committed.incrementAndGet();
    }

    /** Returns once every transaction up to {@code ticket} is in {@code store}'s file. */
    void awaitDurable(long ticket, MVStore store) {
        flushing.lock();
        try {
            if (durableThrough >= ticket) {
                return; // a file write that began after this commit has carried it
            }
            long through = committed.get();
            store.commit();
            durableThrough = through;
        } finally {
            flushing.unlock();
        }
    }

    /** The store under {@code connection}'s embedded database. */
    static MVStore storeOf(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
