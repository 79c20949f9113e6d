package io.borealis.scheduler.lifecycle;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskQuery;
import io.borealis.api.model.TaskStatus;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the history of ended tasks (reference §2.9), with their events and the configurations
 * nothing refers to any more. Periodically ({@link #pruneOnce}): every terminal task that ended
 * more than {@code pruneThreshold} ago, and in each job the terminal tasks beyond its
 * {@code maxTasksPerJob} most recent ones; nothing that ended less than {@code minRetention} ago.
 * On request ({@link #prune(TaskQuery)}, the admin {@code pruneTasks}): the terminal tasks a query
 * matches, whatever their age. Active tasks are never deleted.
 *
 * <p>Deletes in batches of {@value #BATCH} tasks, one write each, so other writers wait for one
 * batch at most. Thread-safe.
 */
public final class HistoryPruner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryPruner.class);
    /** Tasks deleted per write. */
    static final int BATCH = 5_000;
    /** Most tasks one periodic selection returns; a round selects again while it gets this many. */
    static final int SELECTION = 50_000;
    private static final Set<TaskStatus> TERMINAL =
            EnumSet.of(TaskStatus.FINISHED, TaskStatus.FAILED, TaskStatus.KILLED, TaskStatus.LOST);

    /**
     * @param pruneThreshold terminal tasks are kept this long ({@code -history_prune_threshold},
     *     2 days)
     * @param maxTasksPerJob at most this many terminal tasks per job are kept
     *     ({@code -history_max_per_job_threshold}, 100)
     * @param minRetention no terminal task is pruned sooner than this after it ended
     *     ({@code -history_min_retention_threshold}, 1 h)
     * @param interval how often the history is checked
     */
    public record Settings(Duration pruneThreshold, int maxTasksPerJob, Duration minRetention,
            Duration interval) {
        public Settings {
            requireNonNull(pruneThreshold, "pruneThreshold is null");
            requireNonNull(minRetention, "minRetention is null");
            requireNonNull(interval, "interval is null");
            if (pruneThreshold.isNegative() || minRetention.isNegative()) {
                throw new IllegalArgumentException("history thresholds must not be negative");
            }
            if (maxTasksPerJob < 0) {
                throw new IllegalArgumentException(
                        "history max tasks per job must be 0 or more, got " + maxTasksPerJob);
            }
            if (!positive(interval)) {
                throw new IllegalArgumentException("history prune interval must be positive");
            }
        }

        private static boolean positive(Duration duration) {
            return !duration.isNegative() && !duration.isZero();
        }
    }

    private final Storage storage;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService executor;

    public HistoryPruner(Storage storage, Clock clock, Settings settings) {
        this.storage = requireNonNull(storage, "storage is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "history-pruner");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        long interval = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::pruneQuietly, interval, interval,
                TimeUnit.MILLISECONDS);
    }

    private void pruneQuietly() {
        try {
            pruneOnce();
        } catch (RuntimeException e) {
            // What was due stays due; the next round tries again.
            LOG.error("history pruning failed; retrying on the next round", e);
        }
    }

    /** One periodic round. Returns how many tasks were deleted. */
    public int pruneOnce() {
        long now = clock.millis();
        long retainedSince = now - settings.minRetention().toMillis();
        long endedBefore = now - Math.max(settings.pruneThreshold().toMillis(),
                settings.minRetention().toMillis());
        int total = 0;
        while (true) {
            // One selection per round (it reads every ended task's row), then batched deletes.
            List<TaskId> ids = storage.read(store -> store.tasks().expiredHistory(
                    endedBefore, settings.maxTasksPerJob(), retainedSince, SELECTION));
            int pruned = pruneInBatches(ids);
            total += pruned;
            if (ids.size() < SELECTION || pruned == 0) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("pruned the history of {} ended tasks", total);
        }
        return total;
    }

    /**
     * Deletes the terminal tasks {@code query} matches (its offset and limit apply), with their
     * events. A query without statuses means every terminal status.
     *
     * @return how many tasks were deleted
     * @throws PlatformException INVALID_REQUEST when the query names an active status or a
     *     negative offset or limit; nothing is deleted then
     */
    public int prune(TaskQuery query) {
        requireNonNull(query, "query is null");
        List<String> problems = new ArrayList<>();
        Set<String> active = new TreeSet<>();
        query.statuses().stream().filter(TaskStatus::isActive).forEach(s -> active.add(s.name()));
        if (!active.isEmpty()) {
            problems.add("only ended tasks can be pruned; the query names active states "
                    + String.join(", ", active) + " (use FINISHED, FAILED, KILLED, LOST)");
        }
        if (query.offset() != null && query.offset() < 0) {
            problems.add("offset must not be negative, got " + query.offset());
        }
        if (query.limit() != null && query.limit() < 0) {
            problems.add("limit must not be negative, got " + query.limit());
        }
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(String.join("; ", problems));
        }
        TaskQuery terminal = new TaskQuery(query.role(), query.environment(), query.jobName(),
                query.taskIds(), query.statuses().isEmpty() ? TERMINAL : query.statuses(),
                query.instanceIds(), query.agentHosts(), query.jobKeys(), query.offset(),
                query.limit());
        List<TaskId> ids = storage.read(store -> store.tasks().query(terminal)).stream()
                .filter(task -> !task.isActive())
                .map(Task::id)
                .toList();
        int total = pruneInBatches(ids);
        LOG.info("pruneTasks: deleted {} ended tasks", total);
        return total;
    }

    private int pruneInBatches(List<TaskId> ids) {
        int total = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<TaskId> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            total += storage.write(store -> store.tasks().prune(batch));
        }
        return total;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
