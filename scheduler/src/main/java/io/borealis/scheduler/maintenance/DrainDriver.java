package io.borealis.scheduler.maintenance;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.SlaPolicy;
import io.borealis.scheduler.storage.HostMaintenance;
import io.borealis.scheduler.storage.HostMode;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries drains forward (Aurora's {@code -host_maintenance_polling_interval} loop). Each round
 * ({@link #drainOnce}), for every DRAINING host as stored: a host with no active task left goes
 * DRAINED; otherwise each task on it that is not being stopped yet goes DRAINING when
 *
 * <ul>
 *   <li>the drain is not SLA-aware ({@code drainHosts}; this catches a task assigned to the host
 *       by a round that began before the drain), or its timeout has passed;
 *   <li>its policy (its job's, else the drain's default) is none, or allows it: Count and
 *       Percentage by {@link SlaCheck} inside the round's write, counting the tasks chosen
 *       earlier in the same round as down; Coordinator by asking it over HTTP before the write.
 * </ul>
 *
 * A task found on a DRAINED host (placed by a round that began before the host was drained)
 * goes DRAINING at once. Level-triggered and stored: a restarted scheduler resumes a drain on its first round, and its
 * timeout still counts from the request. Why a task still waits is kept in memory for the
 * maintenance page. One thread; {@link #drainOnce} is also safe to call from tests.
 */
public final class DrainDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainDriver.class);

    private final Storage storage;
    private final MaintenanceManager manager;
    private final Coordinator coordinator;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    /** Why each waiting task of a draining host was not drained in the last round. */
    private volatile Map<TaskId, String> waiting = Map.of();

    public DrainDriver(Storage storage, MaintenanceManager manager, Coordinator coordinator,
            Clock clock, Duration interval) {
        this.storage = requireNonNull(storage, "storage is null");
        this.manager = requireNonNull(manager, "manager is null");
        this.coordinator = requireNonNull(coordinator, "coordinator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("maintenance interval must be positive");
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drain-driver");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::drainQuietly, 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void drainQuietly() {
        try {
            drainOnce();
        } catch (RuntimeException e) {
            // Nothing was changed by a failed write; the next round decides again.
            LOG.error("drain round failed; retrying on the next round", e);
        }
    }

    /** Why a task of a draining host is still there, as of the last round; null if unknown. */
    public @Nullable String waitingReason(TaskId task) {
        return waiting.get(task);
    }

    /**
     * One round. Returns how many tasks it moved to DRAINING.
     */
    public int drainOnce() {
        manager.refresh();
        List<HostMaintenance> draining = storage.read(store -> store.maintenance().fetchAll())
                .stream().filter(h -> h.mode() == HostMode.DRAINING
                        || h.mode() == HostMode.DRAINED).toList();
        if (draining.isEmpty()) {
            waiting = Map.of();
            return 0;
        }
        long now = clock.millis();
        Set<TaskId> approved = askCoordinators(draining, now);
        Map<TaskId, String> reasons = new ConcurrentHashMap<>();
        boolean[] modeChanged = {false};
        int drained = storage.write(store -> {
            int moved = 0;
            Set<TaskId> chosen = new HashSet<>();
            Map<String, List<Task>> byHost = MaintenanceManager.tasksByHost(store);
            for (HostMaintenance stale : draining) {
                // Decided again from this write's view: the host may have changed since.
                HostMaintenance host = store.maintenance().fetch(stale.host()).orElse(null);
                if (host == null || host.mode() != stale.mode()) {
                    continue;
                }
                List<Task> tasks = byHost.getOrDefault(host.host(), List.of());
                if (host.mode() == HostMode.DRAINED) {
                    // Only a round that placed a task before the host was drained gets one here.
                    List<TaskId> late = tasks.stream().filter(MaintenanceManager::drainable)
                            .map(Task::id).toList();
                    manager.drain(store, host.host(), late);
                    moved += late.size();
                    continue;
                }
                if (tasks.isEmpty()) {
                    MaintenanceManager.markDrained(store, host.host(), now);
                    modeChanged[0] = true;
                    continue;
                }
                List<TaskId> ids = new ArrayList<>();
                for (Task task : tasks) {
                    if (!MaintenanceManager.drainable(task)) {
                        continue;
                    }
                    String reason = refusal(store, host.drain(), task, chosen, approved, now);
                    if (reason == null) {
                        chosen.add(task.id());
                        ids.add(task.id());
                    } else {
                        reasons.put(task.id(), reason);
                    }
                }
                manager.drain(store, host.host(), ids);
                moved += ids.size();
            }
            return moved;
        });
        waiting = Map.copyOf(reasons);
        if (modeChanged[0]) {
            manager.refresh();
        }
        return drained;
    }

    /** Why {@code task} may not be drained now, or null when it may. */
    private @Nullable String refusal(MutableStoreProvider store, HostMaintenance.Drain drain,
            Task task, Set<TaskId> chosen, Set<TaskId> approved, long now) {
        if (drain.forced(now)) {
            return null;
        }
        SlaPolicy policy = policyOf(task, drain);
        if (policy == null) {
            return null;
        }
        if (policy.coordinator() != null) {
            return approved.contains(task.id()) ? null : "waiting for coordinator "
                    + policy.coordinator().coordinatorUrl() + " to allow it";
        }
        SlaCheck.Verdict verdict = SlaCheck.check(policy, task,
                store.tasks().activeOfJob(task.jobKey()), chosen, now);
        return verdict.allowed() ? null : "waiting: " + verdict.reason();
    }

    private static @Nullable SlaPolicy policyOf(Task task, HostMaintenance.Drain drain) {
        return task.config().slaPolicy() != null ? task.config().slaPolicy()
                : drain.defaultPolicy();
    }

    /** The tasks whose coordinator allows their drain now, asked outside any unit of work. */
    private Set<TaskId> askCoordinators(List<HostMaintenance> draining, long now) {
        Set<TaskId> approved = new HashSet<>();
        Map<String, List<Task>> byHost = storage.read(MaintenanceManager::tasksByHost);
        for (HostMaintenance host : draining) {
            HostMaintenance.Drain drain = host.drain();
            if (drain == null || drain.forced(now)) {
                continue;
            }
            for (Task task : byHost.getOrDefault(host.host(), List.of())) {
                SlaPolicy policy = policyOf(task, drain);
                if (policy != null && policy.coordinator() != null
                        && MaintenanceManager.drainable(task)) {
                    long countdown = drain.timeoutSecs() == 0 ? 0 : Math.max(0,
                            drain.requestedAt() + drain.timeoutSecs() * 1000 - now);
                    if (coordinator.allows(policy.coordinator(), task, countdown)) {
                        approved.add(task.id());
                    }
                }
            }
        }
        return approved;
    }

    /** Every host in maintenance with the active tasks still on it, by host name. */
    public List<HostOverview> overview() {
        Map<TaskId, String> reasons = waiting;
        return storage.read(store -> {
            Set<String> registered = new HashSet<>();
            store.agents().fetchAll().forEach(agent -> registered.add(agent.host()));
            List<HostOverview> hosts = new ArrayList<>();
            Map<String, List<Task>> byHost = MaintenanceManager.tasksByHost(store);
            for (HostMaintenance host : store.maintenance().fetchAll()) {
                List<HostOverview.TaskLeft> tasks = byHost.getOrDefault(host.host(), List.of())
                        .stream().map(task -> new HostOverview.TaskLeft(task.id().value(),
                                task.jobKey().toString(), task.instanceId(),
                                task.status().name(), reasons.get(task.id())))
                        .toList();
                hosts.add(new HostOverview(host.host(), host.mode(), host.since(),
                        registered.contains(host.host()),
                        host.drain() == null ? null : HostOverview.describe(host.drain()),
                        tasks));
            }
            return hosts;
        });
    }

    @Override
    public void close() {
        // No interrupt while a round may be writing: an interrupted commit closes H2's file.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
