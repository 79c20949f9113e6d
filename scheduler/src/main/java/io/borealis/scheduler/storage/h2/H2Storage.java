package io.borealis.scheduler.storage.h2;

import static java.util.Objects.requireNonNull;

import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.FencedException;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.StateTables;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.TaskId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on an H2 database ({@code jdbc:h2:file:HOME/db/borealis} in production,
 * {@code jdbc:h2:mem:NAME} in tests) or on PostgreSQL ({@code jdbc:postgresql://...}, shared by
 * scheduler replicas); what differs between them is in {@link Dialect}. Opening migrates the
 * schema with Flyway; the in-memory views (active tasks, agents) are loaded by the first unit of
 * work or by {@link #claimLeadership}, whichever comes first. A leader claims right after opening
 * and the claim must load them anyway (another leader may have written since): loading them at
 * open too cost a new leader one more load of its active tasks (50,000: 0.7 s warm, 4.8 s on a
 * busy machine) before it could serve.
 *
 * <p>Writes take one lock, so there is a single writer at a time (like Aurora's storage): the
 * scheduling loop, RPC handlers and periodic checks queue up briefly instead of conflicting.
 * Reads use their own pooled connections and never wait for writes. Thread-safe.
 *
 * <p>As {@link StateTables} it copies and replaces the whole state table by table, with plain
 * JDBC over the standard catalogue ({@link H2Tables}), for backups and recovery: on H2 only.
 *
 * <p>Fencing ({@link Storage}): each write locks the one row of {@code leader_epoch}
 * ({@code SELECT ... FOR UPDATE}) before its work and holds the lock until it commits, so a
 * claim by another scheduler lands either before the check (and the write fails) or after the
 * commit.
 */
public final class H2Storage implements Storage, StateTables, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H2Storage.class);
    private static final int MAX_CONNECTIONS = 32;
    /** Locks the epoch's row until the write ends (see {@link #checkEpoch}). */
    private static final String EPOCH_CHECK =
            "SELECT epoch FROM leader_epoch WHERE id = 1 FOR UPDATE";
    /** SQLSTATE class 23: a row breaks a key, a foreign key or another constraint. */
    private static final String INTEGRITY_VIOLATION = "23";

    private final String jdbcUrl;
    private final Dialect dialect;
    private final JdbcConnectionPool pool;
    private final Clock clock;
    private final String schemaVersion;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final GroupCommit groupCommit = new GroupCommit();
    private final ThreadLocal<Unit> current = new ThreadLocal<>();
    private final ActiveTaskIndex index = new ActiveTaskIndex();
    private final AgentCache agents = new AgentCache();
    private final TaskConfigs configs = new TaskConfigs();
    /** Whether the views hold what is stored: set by {@link #load}, never cleared. */
    private volatile boolean loaded;
    /** Serializes loads, so that a later one (a claim's) is never overwritten by an earlier. */
    private final Object loading = new Object();
    /** The write epoch this storage claimed; 0 if it never did. Guarded by writeLock. */
    private long claimedEpoch;
    /**
     * The connection every write uses on an H2 database in this process (writes take turns
     * under writeLock). H2 keeps a session's parsed statements only while its connection stays
     * out of the pool: one taken from the pool again parsed every statement (40-100 us each; 7%
     * of the update benchmark's samples). Null on PostgreSQL and H2 servers, whose connections
     * can break: each write takes one from the pool. Guarded by writeLock.
     */
    private final @Nullable Connection writer;
    /**
     * The epoch check prepared once on {@link #writer}: H2 never caches a {@code FOR UPDATE}
     * query in the session, so preparing it per write parsed it every time. Guarded by
     * writeLock; closed with the writer.
     */
    private @Nullable PreparedStatement writerEpochCheck;

    private H2Storage(String jdbcUrl, Dialect dialect, JdbcConnectionPool pool, Clock clock,
            String schemaVersion) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.dialect = dialect;
        this.pool = pool;
        this.clock = clock;
        this.schemaVersion = schemaVersion;
        this.writer = Dialect.embeddedH2(jdbcUrl) ? pool.getConnection() : null;
    }

    /** Opens (creating or migrating as needed) the database at {@code jdbcUrl}. */
    public static H2Storage open(String jdbcUrl, Clock clock) {
        return open(jdbcUrl, null, clock);
    }

    /**
     * Opens (creating or migrating as needed) the database at {@code jdbcUrl}, H2 or PostgreSQL,
     * as the URL's user (PostgreSQL: {@code user=} in the URL) with {@code password} if not null
     * (else the URL's, if any).
     *
     * @throws IllegalArgumentException when the URL is of neither database
     */
    public static H2Storage open(String jdbcUrl, @Nullable String password, Clock clock) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(clock, "clock is null");
        Dialect dialect = Dialect.of(jdbcUrl);
        JdbcConnectionPool pool = pool(dialect, jdbcUrl, password);
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            Flyway flyway = flyway(pool, dialect, null);
            refuseNewerSchema(flyway);
            flyway.migrate();
            if (Dialect.embeddedH2(jdbcUrl)) {
                writeThrough(pool);
                fixIdentities(pool);
            }
            return new H2Storage(jdbcUrl, dialect, pool, clock,
                    flyway.info().current().getVersion().getVersion());
        } catch (SQLException e) {
            pool.dispose();
            throw new PlatformException(ErrorCode.INTERNAL, "cannot open the storage: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /**
     * Opens a new database at {@code jdbcUrl} (which must be empty, e.g. a fresh
     * {@code jdbc:h2:mem:} one) holding {@code source}'s tables: the schema is migrated to
     * {@code source}'s version, the tables are filled, and then the schema is migrated to the
     * newest version, so that a backup taken by an older scheduler loads into this one. For
     * staging a recovery.
     *
     * @throws PlatformException INVALID_REQUEST when {@code source}'s schema version is not one
     *     this scheduler has, or its tables do not fit the schema, naming what is wrong
     */
    public static H2Storage openFrom(String jdbcUrl, Clock clock, StateTables.Reader source) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(source, "source is null");
        if (Dialect.of(jdbcUrl) != Dialect.H2) {
            throw PlatformException.invalid("a backup loads into an H2 database only, not "
                    + jdbcUrl.split("\\?")[0]);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "sa", "");
        try {
            String version = source.schemaVersion();
            List<String> known = Arrays.stream(flyway(pool, Dialect.H2, null).info().all())
                    .map(MigrationInfo::getVersion).map(MigrationVersion::getVersion).toList();
            if (!known.contains(version)) {
                throw PlatformException.invalid("the backup has schema version " + version
                        + "; this scheduler knows versions " + known);
            }
            flyway(pool, Dialect.H2, version).migrate();
            try (Connection connection = pool.getConnection()) {
                DeferredIndexes deferred = DeferredIndexes.drop(connection);
                connection.setAutoCommit(false);
                H2Tables.load(connection, source);
                connection.setAutoCommit(true);
                deferred.restore(connection);
            }
        } catch (SQLException e) {
            pool.dispose();
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot load the backup: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        // open() migrates the rest of the way; the pool above kept the database alive.
        try {
            return open(jdbcUrl, clock);
        } finally {
            pool.dispose();
        }
    }

    /**
     * H2's own pool, also for PostgreSQL (through the driver's pooled data source): the storage
     * needs no more than a bounded set of reusable connections.
     */
    private static JdbcConnectionPool pool(Dialect dialect, String jdbcUrl,
            @Nullable String password) {
        if (dialect == Dialect.H2) {
            return JdbcConnectionPool.create(jdbcUrl, "sa", password == null ? "" : password);
        }
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(jdbcUrl);
        if (password != null) {
            source.setPassword(password);
        }
        return JdbcConnectionPool.create(source);
    }

    /**
     * Refuses a database that a newer scheduler has migrated past this one's migrations (an
     * older replica elected during a rolling upgrade, an older binary started by mistake):
     * Flyway would open it, and this scheduler's statements would then fail against tables it
     * does not know, or, worse, succeed and leave out what the newer schema keeps. Nothing is
     * changed in the database.
     */
    private static void refuseNewerSchema(Flyway flyway) {
        Set<MigrationState> future = Set.of(MigrationState.FUTURE_SUCCESS,
                MigrationState.FUTURE_FAILED);
        Map<Boolean, Optional<MigrationVersion>> newest = Arrays.stream(flyway.info().all())
                .collect(Collectors.partitioningBy(
                        migration -> future.contains(migration.getState()),
                        Collectors.mapping(MigrationInfo::getVersion,
                                Collectors.maxBy(MigrationVersion::compareTo))));
        if (newest.get(true).isEmpty()) {
            return;
        }
        throw new PlatformException(ErrorCode.INTERNAL, "the database's schema is at version "
                + newest.get(true).get().getVersion() + ", newer than this scheduler's ("
                + newest.get(false).map(MigrationVersion::getVersion).orElse("none")
                + "): a newer scheduler migrated it; run that version or later here (the "
                + "database was not changed)");
    }

    /**
     * The shared migrations ({@code db/migration}) and the database's own
     * ({@code db/vendor/NAME}): on PostgreSQL a callback run before migrating and indexes H2 makes
     * by itself, on H2 statistics its planner would otherwise guess wrong.
     */
    private static Flyway flyway(JdbcConnectionPool pool, Dialect dialect,
            @Nullable String target) {
        var configuration = Flyway.configure().dataSource(pool).locations(
                "classpath:db/migration", "classpath:db/vendor/" + dialect.flywayName);
        return (target == null ? configuration : configuration.target(target)).load();
    }

    private static void fixIdentities(JdbcConnectionPool pool) {
        try (Connection connection = pool.getConnection()) {
            H2Tables.fixIdentities(connection);
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot check identity columns: " + e.getMessage(), e);
        }
    }

    /**
     * Lets H2 write committed changes to the file at most a second late on its own: every write
     * is made durable before it is acknowledged by {@link GroupCommit}, which writes many
     * commits at once. (H2's default, {@code WRITE_DELAY} 500 ms and nothing else, lost 228 of
     * 2,000 acknowledged commits to a halt; {@code WRITE_DELAY 0} wrote each commit by itself,
     * inside the write lock.)
     */
    private static void writeThrough(JdbcConnectionPool pool) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 1000");
            // H2's page cache defaults to 16 MB: a round of 50,000 assignments then re-read and
            // re-decoded evicted pages from the file (ScaleBench placement-round: 7.9 s of the
            // round's CPU with 512 MB, 9-10 s with the default). A quarter of the heap, at most
            // 512 MB.
            statement.execute("SET CACHE_SIZE " + cacheKilobytes(Runtime.getRuntime().maxMemory()));
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot make commits durable: " + e.getMessage(), e);
        }
    }

    /** A quarter of {@code maxHeapBytes}, from 16 MB (H2's default) to 512 MB, in KB. */
    static long cacheKilobytes(long maxHeapBytes) {
        return Math.max(16 * 1024, Math.min(512 * 1024, maxHeapBytes / 4 / 1024));
    }

    /** Loads the views unless they are: called first by every unit of work. */
    private void ensureLoaded() {
        if (!loaded) {
            synchronized (loading) {
                if (!loaded) {
                    load();
                }
            }
        }
    }

    /** (Re)loads the views from what is stored, through a unit of its own. */
    private void load() {
        synchronized (loading) {
            try (Connection connection = pool.getConnection()) {
                Unit unit = new Unit(connection, dialect, false, configs, clock, index, agents);
                current.set(unit);
                try {
                    List<Task> active = unit.tasks().loadActive();
                    index.replaceAll(active, unit.tasks().loadActiveEvents(active));
                    AgentCache stored = new AgentCache();
                    H2AgentStore.load(unit, stored);
                    agents.replaceAll(stored);
                } finally {
                    current.remove();
                }
            } catch (SQLException e) {
                throw new PlatformException(ErrorCode.INTERNAL,
                        "cannot load the active tasks: " + e.getMessage(), e);
            }
            loaded = true;
        }
        LOG.info("storage open: {} active tasks, {} agents", index.all().size(),
                agents.all().size());
    }

    @Override
    public <T> T read(Function<StoreProvider, T> work) {
        Unit joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        ensureLoaded();
        try (Connection connection = pool.getConnection()) {
            Unit unit = new Unit(connection, dialect, false, configs, clock, index, agents);
            current.set(unit);
            try {
                return work.apply(unit);
            } finally {
                current.remove();
            }
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "storage failure: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(Function<MutableStoreProvider, T> work) {
        Unit joined = current.get();
        if (joined != null) {
            if (!joined.writable()) {
                throw new IllegalStateException("cannot start a write inside a read");
            }
            return work.apply(joined);
        }
        ensureLoaded();
        Unit unit;
        T result;
        long ticket;
        @Nullable MVStore store;
        writeLock.lock();
        try (Connection borrowed = writer == null ? pool.getConnection() : null) {
            Connection connection = borrowed != null ? borrowed : writer;
            connection.setAutoCommit(false);
            unit = new Unit(connection, dialect, true, configs, clock, index, agents);
            current.set(unit);
            try {
                checkEpoch(connection);
                result = work.apply(unit);
                unit.flush();
                connection.commit();
                ticket = groupCommit.committed();
            } catch (RuntimeException | SQLException e) {
                rollback(connection);
                throw e;
            } finally {
                current.remove();
                connection.setAutoCommit(true);
            }
            unit.publish(index);
            store = Dialect.embeddedH2(jdbcUrl) ? GroupCommit.storeOf(connection) : null;
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "storage failure: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
        // Durable before anything acts on it: the caller's acknowledgement and the after-commit
        // actions (a launch must never precede the stored assignment). PostgreSQL's commit is,
        // and an H2 server's is its own business.
        if (store != null) {
            groupCommit.awaitDurable(ticket, store);
        }
        for (Runnable action : unit.afterCommitActions()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an after-commit action failed; the write itself is durable", e);
            }
        }
        return result;
    }

    /**
     * Locks the epoch's row in the write's transaction and fails unless it is the epoch this
     * storage claimed. The lock is held until the write commits or rolls back.
     */
    private void checkEpoch(Connection connection) throws SQLException {
        long stored;
        if (connection == writer) {
            if (writerEpochCheck == null) {
                writerEpochCheck = writer.prepareStatement(EPOCH_CHECK);
            }
            stored = epochOf(writerEpochCheck);
        } else {
            try (PreparedStatement statement = connection.prepareStatement(EPOCH_CHECK)) {
                stored = epochOf(statement);
            }
        }
        if (stored != claimedEpoch) {
            throw new FencedException(claimedEpoch, stored);
        }
    }

    private static long epochOf(PreparedStatement check) throws SQLException {
        try (ResultSet rows = check.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public long claimLeadership() {
        if (current.get() != null) {
            throw new IllegalStateException("cannot claim leadership inside a unit of work");
        }
        writeLock.lock();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            long epoch;
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE leader_epoch SET epoch = epoch + 1 WHERE id = 1");
                try (ResultSet rows = statement.executeQuery(
                        "SELECT epoch FROM leader_epoch WHERE id = 1")) {
                    rows.next();
                    epoch = rows.getLong(1);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (Dialect.embeddedH2(jdbcUrl)) {
                groupCommit.awaitDurable(groupCommit.committed(), GroupCommit.storeOf(connection));
            }
            claimedEpoch = epoch;
            // Another leader may have written since this storage loaded its views.
            configs.forgetAll();
            load();
            LOG.info("claimed write epoch {}", epoch);
            return epoch;
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "cannot claim leadership: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public List<String> tableNames() {
        requireH2("backups");
        try (Connection connection = pool.getConnection()) {
            return H2Tables.describe(connection).stream().map(f -> f.table().name()).toList();
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "storage failure: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>On H2: a pooled connection in a SNAPSHOT transaction (MVCC: it blocks no writer, and no
     * writer blocks it), given back to the pool as it was when the reader closes.
     */
    @Override
    public StateTables.Reader snapshot() {
        requireH2("backups");
        Connection connection = null;
        try {
            connection = pool.getConnection();
            beginSnapshot(connection);
            return H2Tables.reader(connection, H2Tables.describe(connection), schemaVersion);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                endSnapshot(connection);
            }
            throw e instanceof PlatformException p ? p : new PlatformException(
                    ErrorCode.INTERNAL, "cannot open a snapshot: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a SNAPSHOT transaction on {@code connection} whose queries stream their rows. In a
     * transaction, because a lazy read outside one does not hold on to the version it reads:
     * H2 may free that version's pages under it while others write ("Chunk not found").
     */
    private static void beginSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
        }
        streamResults(connection, true);
        connection.setAutoCommit(false);
    }

    /** Ends a snapshot transaction and gives its connection back to the pool as it was. */
    static void endSnapshot(Connection connection) {
        try (connection; Statement statement = connection.createStatement()) {
            connection.rollback();
            connection.setAutoCommit(true);
            statement.execute(
                    "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
            streamResults(connection, false);
        } catch (SQLException e) {
            LOG.warn("ending a snapshot: {}", e.getMessage());
        }
    }

    /**
     * Whether the connection's queries hand rows out as they are read ({@code true}) rather
     * than building the whole result first (H2's default, which writes a result of more than
     * {@code MAX_MEMORY_ROWS} rows to a temporary file): for reading whole tables in key order.
     */
    static void streamResults(Connection connection, boolean lazy) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Holds the write lock throughout: writes queue up, reads go on against the state before
     * the commit. Only the rows that differ are written (a restore of a recent backup changes
     * few of them; each row written costs a move in every index of its table, and H2 walks the
     * transaction's undo log again at commit). Then the in-memory views (active tasks, agents, known configurations) are
     * loaded again from the new state, still under the write lock, so that no write runs
     * against views of the old state.
     */
    @Override
    public void replace(StateTables.Reader source, Set<String> mergedTables) {
        requireNonNull(source, "source is null");
        requireNonNull(mergedTables, "mergedTables is null");
        requireH2("recovery");
        if (current.get() != null) {
            throw new IllegalStateException("cannot replace the state inside a unit of work");
        }
        writeLock.lock();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            Connection before = pool.getConnection();
            Map<String, H2Tables.Changes> written;
            try {
                beginSnapshot(before);
                // `before` reads the state as it was: nothing else commits while this holds the
                // write lock, and this transaction's own writes are not committed until the end.
                written = H2Tables.replace(connection, before, source, mergedTables);
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                rollback(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
                endSnapshot(before);
            }
            H2Tables.fixIdentities(connection);
            groupCommit.awaitDurable(groupCommit.committed(), GroupCommit.storeOf(connection));
            configs.forgetAll();
            load();
            LOG.info("state replaced: rows inserted, updated, deleted, unchanged per table {}",
                    written);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                throw PlatformException.invalid("the state to restore breaks a constraint of "
                        + "the schema, nothing was changed: " + e.getMessage());
            }
            throw new PlatformException(ErrorCode.INTERNAL, "storage failure: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs H2's {@code CHECKPOINT}: everything committed is written to the database file. */
    @Override
    public void checkpoint() {
        requireH2("checkpoints");
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL, "checkpoint failed: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Deletes the tasks {@code ids} name, whatever their state, with their events, in one write;
     * then loads the in-memory views again. For a staged recovery only: the live state deletes
     * only ended tasks ({@link io.borealis.scheduler.storage.TaskStore.Mutable#prune}).
     *
     * @return how many tasks were deleted
     */
    public int deleteTasks(Collection<TaskId> ids) {
        List<String> keys = ids.stream().map(TaskId::value).distinct().toList();
        int deleted = write(store -> Jdbc.call("deleting tasks", () -> {
            Connection connection = ((Unit) store).connection();
            int count = 0;
            try (PreparedStatement events = connection.prepareStatement(
                    "DELETE FROM task_events WHERE task_id IN " + InLists.PLACEHOLDERS);
                    PreparedStatement tasks = connection.prepareStatement(
                            "DELETE FROM tasks WHERE task_id IN " + InLists.PLACEHOLDERS)) {
                for (List<String> chunk : InLists.chunks(keys)) {
                    InLists.bind(events, chunk);
                    events.executeUpdate();
                    InLists.bind(tasks, chunk);
                    count += tasks.executeUpdate();
                }
            }
            return count;
        }));
        writeLock.lock();
        try {
            load();
        } finally {
            writeLock.unlock();
        }
        return deleted;
    }

    /** Whether backups and recovery work on this database: on H2 only ({@link H2Tables}). */
    public boolean supportsBackups() {
        return dialect == Dialect.H2;
    }

    /** Refuses {@code what} (backups, recovery) on a database other than H2. */
    private void requireH2(String what) {
        if (dialect != Dialect.H2) {
            throw new PlatformException(ErrorCode.INVALID_REQUEST, "the storage on "
                    + "PostgreSQL does not do " + what + " (they are H2's); use PostgreSQL's own "
                    + "tools (pg_dump, point-in-time recovery)");
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The write failed already; that failure is what the caller sees.
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    /**
     * Closes the database. Idempotent. Closing the pool closes its connections, and with them a
     * file database; an in-memory one kept open by {@code DB_CLOSE_DELAY=-1} is shut down.
     */
    @Override
    public void close() {
        if (writer != null) {
            writeLock.lock();
            try {
                writer.close();
            } catch (SQLException e) {
                LOG.warn("closing the write connection: {}", e.getMessage());
            } finally {
                writeLock.unlock();
            }
        }
        pool.dispose();
        if (jdbcUrl.startsWith("jdbc:h2:mem:") && jdbcUrl.contains("DB_CLOSE_DELAY=-1")) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.debug("in-memory database already gone: {}", e.getMessage());
            }
        }
    }
}
