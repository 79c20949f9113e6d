package io.borealis.scheduler.maintenance;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.validation.MaintenanceRules;
import io.borealis.api.validation.Problem;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.scheduling.HostModes;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.storage.HostMaintenance;
import io.borealis.scheduler.storage.HostMode;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host maintenance calls (Aurora's {@code MaintenanceController}) and the modes placement
 * reads ({@link HostModes}).
 *
 * <p>Each call checks its hosts first ({@link MaintenanceRules}: 1 to 1,000 well-formed names;
 * a refused call changes nothing) and then runs in one write. Any well-formed host name is
 * accepted, registered or not (Aurora ignored unknown hosts; here the mode is stored and
 * applies once an agent on that host registers, and the answer says which hosts no agent runs
 * on). A drain never loses or duplicates an instance: tasks move to DRAINING through the
 * {@link StateManager}, whose rules kill each one and create exactly one replacement when it ends.
 *
 * <p>Placement reads {@link #modeOf} once per agent per round: it is served from an immutable map
 * in memory, replaced after each change is committed (and on every drain round, so a restored
 * database is picked up). Thread-safe.
 */
public final class MaintenanceManager implements HostModes {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceManager.class);
    /** The states of a task a drain stops; others are being stopped already or not placed. */
    private static final Set<TaskStatus> DRAINABLE = EnumSet.of(TaskStatus.ASSIGNED,
            TaskStatus.STARTING, TaskStatus.RUNNING, TaskStatus.PARTITIONED);

    private final Storage storage;
    private final StateManager stateManager;
    private final Clock clock;
    private final Object refreshLock = new Object();
    private volatile Map<String, HostMode> modes = Map.of();

    public MaintenanceManager(Storage storage, StateManager stateManager, Clock clock) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.clock = requireNonNull(clock, "clock is null");
        refresh();
    }

    @Override
    public HostMode modeOf(String host) {
        return modes.getOrDefault(host, HostMode.NONE);
    }

    /**
     * Reads every stored mode into memory. Called after each committed change; the lock makes
     * the later of two refreshes win, so the map is never older than the last commit.
     */
    public void refresh() {
        synchronized (refreshLock) {
            modes = storage.read(store -> store.maintenance().fetchAll().stream().collect(
                    Collectors.toUnmodifiableMap(HostMaintenance::host, HostMaintenance::mode)));
        }
    }

    /** NONE -> SCHEDULED; a host already in maintenance keeps its mode. */
    public List<HostState> startMaintenance(Collection<String> hosts) {
        List<String> names = checked(hosts);
        return change(names, store -> {
            long now = clock.millis();
            for (String host : names) {
                if (store.maintenance().fetch(host).isEmpty()) {
                    store.maintenance().save(new HostMaintenance(host, HostMode.SCHEDULED, now,
                            null));
                    LOG.info("host {} NONE -> SCHEDULED", host);
                }
            }
        });
    }

    /**
     * -> DRAINING: every task on the hosts goes DRAINING in this write (killed, replaced
     * elsewhere); a host with no active task is DRAINED at once. Replaces an SLA-aware drain in
     * progress.
     */
    public List<HostState> drainHosts(Collection<String> hosts) {
        List<String> names = checked(hosts);
        return change(names, store -> {
            long now = clock.millis();
            Map<String, List<Task>> byHost = tasksByHost(store);
            for (String host : names) {
                beginDrain(store, host, byHost.getOrDefault(host, List.of()),
                        HostMaintenance.Drain.immediate(now));
            }
        });
    }

    /**
     * -> DRAINING with the drain stored; the {@link DrainDriver} drains each task when its SLA
     * policy allows ({@code defaultPolicy} for jobs without one; null: those drain at once), and
     * every task left once {@code timeoutSecs} (> 0) have passed. A host with no active task is
     * DRAINED at once.
     */
    public List<HostState> slaDrainHosts(Collection<String> hosts,
            @Nullable SlaPolicy defaultPolicy, long timeoutSecs) {
        List<String> names = checked(hosts);
        List<String> problems = new ArrayList<>();
        if (defaultPolicy != null) {
            MaintenanceRules.slaPolicyProblems(defaultPolicy).forEach(p -> problems.add(
                    "default " + p));
        }
        if (timeoutSecs < 0 || timeoutSecs > MaintenanceRules.MAX_DRAIN_TIMEOUT_SECS) {
            problems.add("timeoutSecs must be from 0 (no timeout) to "
                    + MaintenanceRules.MAX_DRAIN_TIMEOUT_SECS
                    + " (ten years), got " + timeoutSecs);
        }
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(String.join("; ", problems));
        }
        return change(names, store -> {
            long now = clock.millis();
            Map<String, List<Task>> byHost = tasksByHost(store);
            for (String host : names) {
                HostMaintenance.Drain drain =
                        new HostMaintenance.Drain(true, defaultPolicy, timeoutSecs, now);
                if (!byHost.containsKey(host)) {
                    markDrained(store, host, now);
                } else {
                    store.maintenance().save(new HostMaintenance(host, HostMode.DRAINING, now,
                            drain));
                    LOG.info("host {} -> DRAINING (SLA-aware, timeout {} s)", host, timeoutSecs);
                }
            }
        });
    }

    /** The modes of {@code hosts}; with none named, every host in maintenance. */
    public List<HostState> status(Collection<String> hosts) {
        if (hosts == null || hosts.isEmpty()) {
            return storage.read(store -> {
                List<String> names = store.maintenance().fetchAll().stream()
                        .map(HostMaintenance::host).toList();
                return states(store, names);
            });
        }
        List<String> names = checked(hosts);
        return storage.read(store -> states(store, names));
    }

    /** Back to NONE. Tasks being drained still end (and are replaced); new tasks may come. */
    public List<HostState> endMaintenance(Collection<String> hosts) {
        List<String> names = checked(hosts);
        return change(names, store -> {
            for (String host : names) {
                if (store.maintenance().delete(host)) {
                    LOG.info("host {} -> NONE", host);
                }
            }
        });
    }

    /**
     * Puts {@code host} into DRAINING with {@code drain} and drains every drainable task on it
     * (when the drain is immediate); DRAINED when nothing is on it. Inside the caller's write.
     */
    private void beginDrain(MutableStoreProvider store, String host, List<Task> tasks,
            HostMaintenance.Drain drain) {
        long now = clock.millis();
        if (tasks.isEmpty()) {
            markDrained(store, host, now);
            return;
        }
        store.maintenance().save(new HostMaintenance(host, HostMode.DRAINING, now, drain));
        LOG.info("host {} -> DRAINING ({} active tasks)", host, tasks.size());
        drain(store, host, tasks.stream().filter(t -> DRAINABLE.contains(t.status()))
                .map(Task::id).toList());
    }

    /** Moves {@code ids}, on {@code host}, to DRAINING. Inside the caller's write. */
    void drain(MutableStoreProvider store, String host, List<TaskId> ids) {
        if (!ids.isEmpty()) {
            stateManager.changeState(store, ids, TaskStatus.DRAINING,
                    "Draining host " + host + " for maintenance");
        }
    }

    /** The host has no active task left: DRAINED. Inside the caller's write. */
    static void markDrained(MutableStoreProvider store, String host, long now) {
        store.maintenance().save(new HostMaintenance(host, HostMode.DRAINED, now, null));
        LOG.info("host {} -> DRAINED", host);
    }

    /**
     * The active tasks placed on each host (PENDING and THROTTLED ones never are), by job and
     * instance. One pass over the active tasks (memory), however many hosts the caller looks at.
     */
    static Map<String, List<Task>> tasksByHost(StoreProvider store) {
        Map<String, List<Task>> byHost = new HashMap<>();
        for (Task task : store.tasks().active()) {
            if (task.agentHost() != null) {
                byHost.computeIfAbsent(task.agentHost(), h -> new ArrayList<>()).add(task);
            }
        }
        Comparator<Task> order = Comparator.comparing((Task t) -> t.jobKey().toString())
                .thenComparingInt(Task::instanceId);
        byHost.values().forEach(tasks -> tasks.sort(order));
        return byHost;
    }

    /** Whether {@code task} is one a drain stops (not already being stopped). */
    static boolean drainable(Task task) {
        return DRAINABLE.contains(task.status());
    }

    private List<HostState> change(List<String> names,
            java.util.function.Consumer<MutableStoreProvider> work) {
        List<HostState> states = storage.write(store -> {
            work.accept(store);
            return states(store, names);
        });
        refresh();
        return states;
    }

    private static List<HostState> states(StoreProvider store, List<String> names) {
        Set<String> registered = new HashSet<>();
        for (AgentInfo agent : store.agents().fetchAll()) {
            registered.add(agent.host());
        }
        Map<String, HostMode> stored = new HashMap<>();
        for (HostMaintenance host : store.maintenance().fetchAll()) {
            stored.put(host.host(), host.mode());
        }
        return names.stream().map(host -> new HostState(host,
                stored.getOrDefault(host, HostMode.NONE), registered.contains(host))).toList();
    }

    /** The hosts, checked, once each, sorted. */
    private static List<String> checked(Collection<String> hosts) {
        List<Problem> problems = MaintenanceRules.hostProblems(hosts);
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(problems.stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")));
        }
        return List.copyOf(new TreeSet<>(hosts));
    }
}
