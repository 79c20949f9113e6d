package io.borealis.scheduler.backup;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskQuery;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.ScheduledTasks;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.StateTables;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.h2.H2Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online recovery (Aurora's {@code stageRecovery} ... {@code commitRecovery}), without Aurora's
 * outage: a backup is loaded beside the live state into an in-memory database of its own
 * ({@link #stage}), looked at and trimmed ({@link #query}, {@link #deleteTasks}), then either
 * dropped ({@link #unload}) or made the live state in one write transaction ({@link #commit}),
 * while the scheduler keeps serving.
 *
 * <p>What a commit restores: every table of the backup, except that registered agents are
 * merged ({@link #LIVE_TABLES}): the agents running now, with their endpoints and status-update
 * sequence numbers, stay as they are (rolling an agent's acknowledged sequence number back would
 * make the scheduler ignore its next updates); agents only the backup knows come back and, if
 * they no longer heartbeat, are given up on after the agent timeout, as any silent agent.
 * Then the running scheduler converges as after any restart: a task an agent runs that the
 * restored state does not know is killed on the agent's next heartbeat, a restored active task
 * no agent runs goes LOST on its agent's next heartbeat (or when its agent is given up on) and
 * is rescheduled, and PENDING tasks are placed by the scheduling loop, woken now.
 *
 * <p>One recovery at a time; every method is serialised. Thread-safe.
 */
public final class Recovery implements AutoCloseable {
    /** Tables whose live rows survive a commit (see the class comment). */
    public static final Set<String> LIVE_TABLES = Set.of("agents", "agent_acks");
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final AtomicInteger STAGINGS = new AtomicInteger();

    private final Backups backups;
    private final StateTables live;
    private final PendingSignal pending;
    private final Clock clock;
    private @Nullable Staged staged;

    /** A loaded backup: its name and the database holding it. */
    private record Staged(String backupId, H2Storage storage) {}

    public Recovery(Backups backups, StateTables live, PendingSignal pending, Clock clock) {
        this.backups = requireNonNull(backups, "backups is null");
        this.live = requireNonNull(live, "live is null");
        this.pending = requireNonNull(pending, "pending is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Loads the backup {@code backupId} beside the live state; nothing live changes.
     *
     * @throws PlatformException INVALID_REQUEST when the id is not a backup's name, names no
     *     backup, the file is corrupt or truncated, or a recovery is staged already
     */
    public synchronized void stage(String backupId) {
        if (staged != null) {
            throw PlatformException.invalid("backup " + staged.backupId() + " is staged "
                    + "already: commit or unload it first");
        }
        long started = System.nanoTime();
        String url = "jdbc:h2:mem:borealis-recovery-" + STAGINGS.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1";
        H2Storage storage;
        // Opening checks the name and the header; those refusals name the backup already.
        try (StateTables.Reader source = backups.open(backupId)) {
            storage = load(url, backupId, source);
        }
        staged = new Staged(backupId, storage);
        LOG.info("recovery staged from backup {} in {} ms", backupId,
                (System.nanoTime() - started) / 1_000_000);
    }

    private H2Storage load(String url, String backupId, StateTables.Reader source) {
        try {
            return H2Storage.openFrom(url, clock, source);
        } catch (PlatformException e) {
            dropDatabase(url);
            // Problems found reading the file name it already; those found loading it do not.
            throw e.getMessage().startsWith("backup " + backupId + " ") ? e
                    : new PlatformException(e.code(), "backup " + backupId
                            + " cannot be staged: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dropDatabase(url);
            throw e;
        }
    }

    /** The staged recovery's tasks that {@code query} matches, with their events. */
    public synchronized List<ScheduledTask> query(TaskQuery query) {
        requireNonNull(query, "query is null");
        return ScheduledTasks.query(staged().storage(), query, new TaskUsageCache());
    }

    /**
     * Deletes the staged recovery's tasks that {@code query} matches, whatever their state, with
     * their events; returns how many.
     */
    public synchronized int deleteTasks(TaskQuery query) {
        requireNonNull(query, "query is null");
        H2Storage storage = staged().storage();
        List<Task> matching = storage.read(store -> store.tasks().query(query));
        int deleted = storage.deleteTasks(matching.stream().map(Task::id).toList());
        LOG.info("{} tasks deleted from the staged recovery", deleted);
        return deleted;
    }

    /**
     * Makes the staged recovery the live state (one write transaction; see the class comment),
     * then drops it.
     *
     * @throws PlatformException INVALID_REQUEST when nothing is staged; if the write fails,
     *     nothing live changed and the recovery stays staged
     */
    public synchronized void commit() {
        Staged current = staged();
        long started = System.nanoTime();
        try (StateTables.Reader source = current.storage().snapshot()) {
            live.replace(source, LIVE_TABLES);
        }
        pending.raise();
        LOG.info("recovery from backup {} committed in {} ms", current.backupId(),
                (System.nanoTime() - started) / 1_000_000);
        unload();
    }

    /** Drops the staged recovery; false when none was staged. */
    public synchronized boolean unload() {
        Staged current = staged;
        if (current == null) {
            return false;
        }
        staged = null;
        current.storage().close();
        LOG.info("recovery from backup {} unloaded", current.backupId());
        return true;
    }

    /** The staged backup's name, if one is staged. */
    public synchronized @Nullable String stagedBackup() {
        return staged == null ? null : staged.backupId();
    }

    private Staged staged() {
        if (staged == null) {
            throw PlatformException.invalid("no recovery is staged: stage a backup first "
                    + "(stageRecovery)");
        }
        return staged;
    }

    /** Drops the in-memory staging database at {@code url}, if it was created. */
    private static void dropDatabase(String url) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.debug("staging database gone: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        unload();
    }
}
