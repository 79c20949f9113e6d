package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AgentTaskState;
import io.borealis.api.model.PortRange;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.model.TaskStatusUpdate;
import io.borealis.api.model.TaskUsage;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.state.TransitionResult;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's half of the agent protocol (docs/internals.md): registration, heartbeats with
 * reconciliation and resource samples, and status updates. Called by the RPC layer on Jetty
 * threads. Thread-safe.
 */
public final class AgentManager {
    /**
     * How far beyond the agent's registered or acked seq an update may be numbered: more
     * transitions than an agent makes between two acknowledged batches, far fewer than a forger
     * would pick to silence an agent.
     */
    public static final long MAX_SEQ_AHEAD = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(AgentManager.class);
    private static final Set<TaskStatus> BEING_STOPPED = EnumSet.of(TaskStatus.KILLING,
            TaskStatus.RESTARTING, TaskStatus.DRAINING, TaskStatus.PREEMPTING);

    private final Storage storage;
    private final StateManager stateManager;
    private final AgentLiveness liveness;
    private final TaskUsageCache usages;
    private final PendingSignal signal;
    private final Clock clock;
    private final Timing timing;
    /** Agent id -> the last seq it had assigned when it registered with this process. */
    private final Map<String, Long> registeredSeqs = new ConcurrentHashMap<>();
    /** Status reports of many agents at once go into one write. */
    private final GroupedWrites<Report, Long> reports;

    /** One agent's {@code statusUpdate} call. */
    private record Report(String agentId, List<TaskStatusUpdate> updates) { }

    /**
     * The protocol's intervals.
     *
     * @param heartbeatInterval how often agents are asked to heartbeat
     * @param assignedGrace how long an ASSIGNED task may go unreported by its agent (launch in
     *     flight) before it is LOST
     * @param agentTimeout how long the scheduler waits for a silent agent before declaring it
     *     lost ({@link AgentMonitor}); told to agents at registration, since their executors stop
     *     their tasks when they cannot reach the agent for longer
     */
    public record Timing(Duration heartbeatInterval, Duration assignedGrace,
            Duration agentTimeout) {
        /** The scheduler's default agent timeout (scheduler/README.md). */
        public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofSeconds(10);

        public Timing {
            requireNonNull(heartbeatInterval, "heartbeatInterval is null");
            requireNonNull(assignedGrace, "assignedGrace is null");
            requireNonNull(agentTimeout, "agentTimeout is null");
        }

        /** With the default agent timeout. */
        public Timing(Duration heartbeatInterval, Duration assignedGrace) {
            this(heartbeatInterval, assignedGrace, DEFAULT_AGENT_TIMEOUT);
        }
    }

    public AgentManager(Storage storage, StateManager stateManager, AgentLiveness liveness,
            TaskUsageCache usages, PendingSignal signal, Clock clock, Timing timing) {
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.liveness = requireNonNull(liveness, "liveness is null");
        this.usages = requireNonNull(usages, "usages is null");
        this.signal = requireNonNull(signal, "signal is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timing = requireNonNull(timing, "timing is null");
        this.reports = new GroupedWrites<>(storage, this::apply);
    }

    /** How long a silent agent has before it is declared lost (told to agents). */
    public Duration agentTimeout() {
        return timing.agentTimeout();
    }

    /** What a heartbeat tells the agent. */
    public record HeartbeatReply(List<String> killTaskIds, boolean reregister) {
        public HeartbeatReply {
            killTaskIds = List.copyOf(killTaskIds);
        }
    }

    /**
     * Registers {@code agent}, replacing an earlier registration with the same id (an agent
     * restart). Its status-update sequence starts again.
     *
     * @return how often the agent should heartbeat, in millis
     * @throws PlatformException INVALID_REQUEST when the registration is malformed
     */
    public int register(AgentInfo agent) {
        return register(agent, 0);
    }

    /**
     * As {@link #register(AgentInfo)}, with the highest status-update seq the agent has assigned
     * so far: its updates may run at most {@link #MAX_SEQ_AHEAD} beyond that (or beyond the last
     * acked one, whichever is higher).
     */
    public int register(AgentInfo agent, long lastSeq) {
        validate(agent);
        if (lastSeq < 0) {
            throw PlatformException.invalid("lastSeq must not be negative, got " + lastSeq);
        }
        registeredSeqs.put(agent.agentId(), lastSeq);
        storage.write(store -> {
            boolean known = store.agents().fetch(agent.agentId()).isPresent();
            store.agents().save(agent);
            store.afterCommit(signal::raise);
            LOG.info("agent {} {} at {} (cpu {}, ram {} MB, disk {} MB, ports {})",
                    agent.agentId(), known ? "re-registered" : "registered", agent.endpoint(),
                    agent.resources().cpu(), agent.resources().ramMb(),
                    agent.resources().diskMb(), agent.portRanges());
            return null;
        });
        liveness.touch(agent.agentId(), clock.millis());
        return (int) timing.heartbeatInterval().toMillis();
    }

    private static void validate(AgentInfo agent) {
        List<String> problems = new ArrayList<>();
        if (agent.agentId().isBlank()) {
            problems.add("agentId must not be blank");
        }
        if (agent.host().isBlank()) {
            problems.add("host must not be blank");
        }
        if (!agent.endpoint().startsWith("http://") && !agent.endpoint().startsWith("https://")) {
            problems.add("endpoint '" + agent.endpoint() + "' is not an http(s) URL");
        }
        if (agent.resources().cpu() < 0 || agent.resources().ramMb() < 0
                || agent.resources().diskMb() < 0 || agent.resources().gpu() < 0) {
            problems.add("resources must not be negative");
        }
        for (PortRange range : agent.portRanges()) {
            if (range.first() < 1 || range.last() > 65535 || range.first() > range.last()) {
                problems.add("port range " + range.first() + "-" + range.last() + " is invalid");
            }
        }
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(String.join("; ", problems));
        }
    }

    /** What reconciling an agent's report did. */
    public record Reconciliation(boolean knownAgent, List<String> killTaskIds, int lost) {
        public Reconciliation {
            killTaskIds = List.copyOf(killTaskIds);
        }
    }

    /**
     * Reconciles the agent's heartbeat with ours ({@link #reconcile}). An unknown agent is told
     * to register again.
     */
    public HeartbeatReply heartbeat(String agentId, List<AgentTaskState> tasks) {
        Reconciliation reconciliation = reconcile(agentId, tasks);
        return new HeartbeatReply(reconciliation.killTaskIds(), !reconciliation.knownAgent());
    }

    /**
     * Reconciles the agent's view with ours; called with each heartbeat and when an operator
     * asks every agent for its tasks ({@code reconcile_tasks}). Tasks the agent runs that we
     * consider ended, do not know, or placed elsewhere come back as kill ids, as do tasks we are
     * stopping that the agent still runs (the kill is retried this way). Tasks we placed on the
     * agent that it does not report go LOST, unless they were ASSIGNED less than the grace period
     * ago.
     *
     * <p>The resource samples in the report become the agent's entries in the usage cache:
     * one per task that is active both here and on the agent and placed on it; the agent's other
     * entries are dropped. An unknown agent's entries are dropped too, and nothing else happens.
     */
    public Reconciliation reconcile(String agentId, List<AgentTaskState> tasks) {
        long now = clock.millis();
        Map<TaskId, AgentTaskState> reported = new LinkedHashMap<>();
        for (AgentTaskState state : tasks) {
            reported.put(taskId(state.taskId()), state);
        }
        Map<TaskId, TaskUsage> sampled = new LinkedHashMap<>();
        Optional<List<String>> kills = storage.read(store -> {
            if (store.agents().fetch(agentId).isEmpty()) {
                return Optional.empty();
            }
            List<String> kill = new ArrayList<>();
            reported.forEach((id, state) -> {
                Optional<Task> task = store.tasks().fetch(id);
                boolean unwanted = task.isEmpty()
                        || task.get().status().isTerminal()
                        || !agentId.equals(task.get().agentId())
                        || (BEING_STOPPED.contains(task.get().status())
                                && state.status().isActive());
                if (unwanted) {
                    kill.add(id.value());
                } else if (state.usage() != null && state.status().isActive()) {
                    sampled.put(id, state.usage());
                }
            });
            return Optional.of(kill);
        });
        if (kills.isEmpty()) {
            usages.forgetAgent(agentId);
            return new Reconciliation(false, List.of(), 0);
        }
        liveness.touch(agentId, now);
        healPartitioned(agentId, reported, now);
        usages.replaceAgent(agentId, sampled);
        int lost = markMissingLost(agentId, reported.keySet(), now);
        return new Reconciliation(true, kills.get(), lost);
    }

    private int markMissingLost(String agentId, Set<TaskId> reported, long now) {
        List<TaskId> missing = storage.read(store -> missing(
                store.tasks().activeOnAgent(agentId), reported, now));
        if (missing.isEmpty()) {
            return 0;
        }
        return storage.write(store -> {
            List<TaskId> stillMissing = missing(store.tasks().activeOnAgent(agentId), reported, now);
            return (int) stateManager.changeState(store, stillMissing, TaskStatus.LOST,
                    "Task not reported by agent " + agentId).stream()
                    .filter(result -> result.outcome() == TransitionResult.Outcome.APPLIED)
                    .count();
        });
    }

    private List<TaskId> missing(List<Task> placed, Set<TaskId> reported, long now) {
        List<TaskId> missing = new ArrayList<>();
        for (Task task : placed) {
            boolean launchInFlight = task.status() == TaskStatus.ASSIGNED
                    && now - task.statusTimestamp() <= timing.assignedGrace().toMillis();
            if (!reported.contains(task.id()) && !launchInFlight) {
                missing.add(task.id());
            }
        }
        return missing;
    }

    private static TaskId taskId(String value) {
        try {
            return new TaskId(value);
        } catch (IllegalArgumentException e) {
            throw PlatformException.invalid(e.getMessage());
        }
    }

    /**
     * Applies {@code updates} in order. An update whose seq was applied already is skipped; one
     * for an unknown task, a task placed elsewhere, or an illegal move is ignored with a WARN.
     * Calls of several agents that arrive together are applied in one write ({@link
     * GroupedWrites}: while the status reports of an update's batch stream in, one write each
     * was most of the scheduler's work); each returns once the write holding it is durable.
     *
     * @return the highest seq seen from this agent (the agent may drop every update up to it)
     */
    public long statusUpdate(String agentId, List<TaskStatusUpdate> updates) {
        updates.forEach(update -> taskId(update.taskId()));
        return reports.apply(new Report(agentId, List.copyOf(updates)));
    }

    /** One agent's call, inside a write that may hold other agents' calls too. */
    private long apply(MutableStoreProvider store, Report report) {
        String agentId = report.agentId();
        long applied = store.agents().ackedSeq(agentId);
        checkNotFromTheFuture(agentId, report.updates(), applied);
        if (store.agents().fetch(agentId).isPresent()) {
            liveness.touch(agentId, clock.millis());
        }
        long highest = applied;
        for (TaskStatusUpdate update : report.updates()) {
            highest = Math.max(highest, update.seq());
            if (update.seq() <= applied) {
                continue;
            }
            apply(store, agentId, update);
        }
        store.agents().setAckedSeq(agentId, highest);
        return highest;
    }

    /**
     * Refuses the whole batch when one of its seqs lies more than {@link #MAX_SEQ_AHEAD} beyond
     * what this agent can have numbered: a forged seq of 10^15 would otherwise be acked and make
     * every later real update look applied already. Nothing is applied or acked, so later real
     * updates still apply.
     */
    private void checkNotFromTheFuture(String agentId, List<TaskStatusUpdate> updates,
            long applied) {
        long base = Math.max(applied, registeredSeqs.getOrDefault(agentId, 0L));
        for (TaskStatusUpdate update : updates) {
            if (update.seq() - base > MAX_SEQ_AHEAD) {
                throw PlatformException.invalid("status update seq " + update.seq()
                        + " from agent " + agentId + " is out of range: the agent registered "
                        + "at seq " + registeredSeqs.getOrDefault(agentId, 0L) + " and seq "
                        + applied + " was acked last (at most " + MAX_SEQ_AHEAD
                        + " ahead); the batch is refused");
            }
        }
    }

    private void apply(MutableStoreProvider store, String agentId, TaskStatusUpdate update) {
        TaskId id = taskId(update.taskId());
        Optional<Task> task = store.tasks().fetch(id);
        if (task.isEmpty()) {
            LOG.warn("ignoring update seq {} from agent {}: unknown task {}", update.seq(),
                    agentId, id);
            return;
        }
        if (!agentId.equals(task.get().agentId())) {
            LOG.warn("ignoring update seq {} from agent {}: task {} is placed on {}",
                    update.seq(), agentId, id, task.get().agentId());
            return;
        }
        long timestamp = update.timestamp() > 0 ? update.timestamp() : clock.millis();
        String message = update.message() == null || update.message().isBlank()
                ? "Reported by agent " + agentId : update.message();
        Optional<TransitionResult> result =
                stateManager.changeState(store, id, update.status(), timestamp, message);
        if (result.isPresent() && result.get().outcome() == TransitionResult.Outcome.ILLEGAL) {
            LOG.warn("ignoring update seq {} from agent {}: {}", update.seq(), agentId,
                    result.get().message());
        } else if (update.status().isTerminal()) {
            store.afterCommit(() -> usages.forget(id));
        }
    }

    /**
     * The partition is over for PARTITIONED tasks the agent reports STARTING or RUNNING: they
     * take that state again (reference §2.6). Reads memory only unless there is one to heal.
     */
    private void healPartitioned(String agentId, Map<TaskId, AgentTaskState> reported,
            long now) {
        List<TaskId> back = storage.read(store -> partitionedBack(
                store.tasks().activeOnAgent(agentId), reported));
        if (back.isEmpty()) {
            return;
        }
        storage.write(store -> {
            for (TaskId id : partitionedBack(store.tasks().activeOnAgent(agentId), reported)) {
                TaskStatus status = reported.get(id).status();
                stateManager.changeState(store, id, status, now,
                        "Agent " + agentId + " is back and reports the task " + status);
            }
            return null;
        });
    }

    private static List<TaskId> partitionedBack(List<Task> placed,
            Map<TaskId, AgentTaskState> reported) {
        List<TaskId> back = new ArrayList<>();
        for (Task task : placed) {
            AgentTaskState state = reported.get(task.id());
            if (task.status() == TaskStatus.PARTITIONED && state != null
                    && (state.status() == TaskStatus.STARTING
                            || state.status() == TaskStatus.RUNNING)) {
                back.add(task.id());
            }
        }
        return back;
    }
}
