package io.borealis.scheduler.update;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.CoordinatorSlaPolicy;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobUpdateStatus;
import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.TaskStatus;
import io.borealis.api.model.UpdateSettings;
import io.borealis.api.model.UpdateStrategyKind;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.maintenance.Coordinator;
import io.borealis.scheduler.maintenance.SlaCheck;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.TaskId;
import io.borealis.scheduler.storage.UpdateEvent;
import io.borealis.scheduler.storage.UpdateInstance;
import io.borealis.scheduler.storage.UpdateInstance.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the active updates, level-triggered: every tick (and soon after a command, or after a
 * task became RUNNING or ended while an update is active) it reads each active update, its
 * instances in flight (and, when a batch may start, the next PENDING ones: never every instance)
 * and the job's active tasks, and takes every step that is due in one write per update. Each instance's step is stored in the write that acts on its task
 * (the kill, the insertion of the new task), so a scheduler that stops at any point finds, when
 * it starts again, exactly which instances are done, in flight or waiting: none is updated twice
 * and none is skipped.
 *
 * <p>One instance's steps: PENDING, then its old task killed (KILLING) and, once no task of the
 * instance is active, the new configuration's task inserted (WATCHING; an added instance starts
 * here, a removed one is done once killed), then SUCCEEDED after the task has been RUNNING for
 * {@code watchSecs}. A watched task that ends is a failure of the instance; its replacement (or
 * a new task) is watched again until the instance failed more than
 * {@code maxPerInstanceFailures} times (FAILED). More than {@code maxTotalFailures} failed
 * instances fail the update: it rolls back when {@code rollbackOnFailure}, else ends FAILED.
 * A restart ({@link UpdateInstance#restart()}) kills a task although it runs the target. An
 * {@code slaAware} update kills a task only while the job's SLA policy allows. An update whose
 * rounds keep failing (other than in storage) ends in ERROR.
 *
 * <p>Thread-safe: {@link #runOnce} is serialised; the controller's thread calls it, and tests call it
 * with a hand-moved clock.
 */
public final class UpdateController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateController.class);
    /** The least time from one round's start to the next while an update is active. */
    private static final Duration MIN_ROUND_GAP = Duration.ofMillis(100);
    /** Rounds of one update that fail in a row, other than in storage, before it is ERROR. */
    static final int MAX_ROUND_FAILURES = 3;
    /** The least time between two questions to a coordinator about the same task. */
    static final Duration COORDINATOR_RETRY = Duration.ofSeconds(5);
    private static final Set<State> IN_FLIGHT = EnumSet.of(State.KILLING, State.WATCHING);

    private final Storage storage;
    private final StateManager stateManager;
    private final Clock clock;
    private final Duration tick;
    private final ScheduledExecutorService executor;
    private final PendingSignal settled;
    private final AtomicBoolean commanded = new AtomicBoolean();
    /** Rounds that failed in a row, by update id (only while they go on failing). */
    private final Map<String, Integer> failures = new HashMap<>();
    /** The configurations of each active update, read once: they never change. */
    private final Map<String, List<TaskConfig>> configs = new HashMap<>();
    /** Asked, outside any write, about tasks an {@code sla_aware} update wants to kill. */
    private final Coordinator coordinator;
    /**
     * Tasks a Coordinator policy's coordinator allowed to be killed, by update id: each allows
     * one kill, in the round that follows the answer (the coordinator is asked again after).
     */
    private final Map<String, Set<TaskId>> approved = new HashMap<>();
    /** Tasks the last round of each update wanted to kill and their coordinator must allow. */
    private final Map<String, List<Task>> toAsk = new HashMap<>();
    /** When each task was last asked about, by update id (see {@link #COORDINATOR_RETRY}). */
    private final Map<String, Map<TaskId, Long>> askedAt = new HashMap<>();

    public UpdateController(Storage storage, StateManager stateManager, Clock clock,
            Duration tick) {
        this(storage, stateManager, clock, tick, new PendingSignal());
    }

    /**
     * @param settled raised when a task became RUNNING or ended ({@link StateManager}'s): while
     *     an update is active, a round follows at once rather than at the next tick
     */
    public UpdateController(Storage storage, StateManager stateManager, Clock clock,
            Duration tick, PendingSignal settled) {
        this(storage, stateManager, clock, tick, settled, (policy, task, countdown) -> false);
    }

    /**
     * @param coordinator asks a job's SLA coordinator (Coordinator policy) whether an
     *     {@code sla_aware} update may kill one of its tasks now; asked on the controller's
     *     thread between rounds, never inside a write
     */
    public UpdateController(Storage storage, StateManager stateManager, Clock clock,
            Duration tick, PendingSignal settled, Coordinator coordinator) {
        this.coordinator = requireNonNull(coordinator, "coordinator is null");
        this.settled = requireNonNull(settled, "settled is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tick = requireNonNull(tick, "tick is null");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "update-controller");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.execute(this::loop);
    }

    /** Asks for a round soon (a command changed an update). */
    public void wake() {
        commanded.set(true);
        settled.raise();
    }

    /**
     * A round every tick; and, while an update is active (or after a command), one as soon as a
     * task became RUNNING or ended, which is when an instance's step may be due. Without an
     * active update those task changes cost no round.
     */
    private void loop() {
        boolean busy = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                boolean raised = settled.await(tick);
                if (!raised || busy || commanded.getAndSet(false)) {
                    long start = System.nanoTime();
                    busy = runQuietly();
                    // A round is a write (a commit and a file write, due steps or not): while
                    // status reports stream in, let them gather rather than pay one round for
                    // each. (20 ms instead of 100 cost the update benchmark 30% more CPU.)
                    long left = MIN_ROUND_GAP.toNanos() - (System.nanoTime() - start);
                    if (busy && left > 0) {
                        TimeUnit.NANOSECONDS.sleep(left);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return whether an update may still be active */
    private boolean runQuietly() {
        try {
            return runOnce() > 0 || !storage.read(store -> store.updates().allActive()).isEmpty();
        } catch (RuntimeException e) {
            // Level-triggered: whatever was due is still due on the next tick.
            LOG.error("update controller failed; retrying on the next tick", e);
            return true;
        }
    }

    /**
     * One round over every active update.
     *
     * @return how many instance steps and status changes were taken
     */
    public synchronized int runOnce() {
        List<String> active = storage.read(store ->
                store.updates().allActive().stream().map(JobUpdate::id).toList());
        failures.keySet().retainAll(active);
        configs.keySet().retainAll(active);
        approved.keySet().retainAll(active);
        askedAt.keySet().retainAll(active);
        int steps = 0;
        for (String id : active) {
            try {
                steps += storage.write(store -> advance(store, id));
                failures.remove(id);
            } catch (RuntimeException e) {
                steps += failed(id, e);
            }
            steps += askCoordinators(id);
        }
        return steps;
    }

    /**
     * Asks the coordinators of the tasks the update's round wanted to kill (outside the write:
     * a coordinator may take up to its timeout). Each allowed task may be killed in the next
     * round, which follows at once; a refused one is asked again after
     * {@link #COORDINATOR_RETRY}, not at every round.
     *
     * @return how many were allowed (a step each: another round is due)
     */
    private int askCoordinators(String id) {
        List<Task> tasks = toAsk.remove(id);
        if (tasks == null) {
            return 0;
        }
        int allowed = 0;
        long now = clock.millis();
        Map<TaskId, Long> asked = askedAt.computeIfAbsent(id, ignored -> new HashMap<>());
        for (Task task : tasks) {
            Long last = asked.get(task.id());
            if (last != null && now - last < COORDINATOR_RETRY.toMillis()) {
                continue;
            }
            asked.put(task.id(), now);
            CoordinatorSlaPolicy policy = requireNonNull(task.config().slaPolicy()).coordinator();
            if (coordinator.allows(policy, task, 0)) {
                approved.computeIfAbsent(id, ignored -> new HashSet<>()).add(task.id());
                allowed++;
            } else {
                LOG.debug("update {}: coordinator {} does not allow killing {} yet", id,
                        policy.coordinatorUrl(), task.id());
            }
        }
        return allowed;
    }

    /**
     * A round of one update failed. A storage failure (INTERNAL) is retried at every round for
     * as long as it lasts. Anything else is a problem with the update itself (a stored row that
     * cannot be read back into a step, a configuration that can no longer be stored): once it
     * failed {@link #MAX_ROUND_FAILURES} rounds in a row, the update ends in ERROR with the
     * problem as its status message, so that it stops blocking the job's commands.
     */
    private int failed(String id, RuntimeException e) {
        if (e instanceof PlatformException platform && platform.code() == ErrorCode.INTERNAL) {
            LOG.error("update {}: storage failed; retrying on the next round", id, e);
            return 0;
        }
        int count = failures.merge(id, 1, Integer::sum);
        if (count < MAX_ROUND_FAILURES) {
            LOG.warn("update {}: round failed ({} of {}): {}", id, count, MAX_ROUND_FAILURES,
                    e.toString());
            return 0;
        }
        failures.remove(id);
        LOG.error("update {}: round failed {} times in a row; ERROR", id, count, e);
        String why = "the update controller cannot carry this update on: " + e;
        return storage.write(store -> store.updates().fetch(id)
                .filter(update -> update.status().isActive())
                .map(update -> {
                    long now = clock.millis();
                    store.updates().save(update.withStatus(JobUpdateStatus.ERROR, why, now));
                    store.updates().addEvent(id, new UpdateEvent(now, null,
                            JobUpdateStatus.ERROR.name(), why));
                    if (!store.tasks().hasActive(update.job())) {
                        store.jobs().delete(update.job());
                    }
                    return 1;
                })
                .orElse(0));
    }

    private int advance(MutableStoreProvider store, String id) {
        Optional<JobUpdate> found = store.updates().fetch(id);
        if (found.isEmpty() || !found.get().status().isActive()) {
            return 0;
        }
        List<TaskConfig> stored = configs.computeIfAbsent(id, store.updates()::configs);
        return new Round(store, found.get(), stored, clock.millis()).run();
    }

    /**
     * Turns the update's direction: every instance the forward roll touched goes back to
     * PENDING (to be rolled to its previous configuration), the others are SKIPPED. Runs inside
     * the write that set ROLLING_BACK.
     */
    static void beginRollback(MutableStoreProvider store, String id, long now) {
        for (UpdateInstance instance : store.updates().instances(id)) {
            UpdateInstance next = instance.state() == State.PENDING
                    ? instance.moved(State.SKIPPED, null, now) : instance.restarted(now);
            store.updates().saveInstance(id, next);
        }
    }

    /**
     * One update's steps in one write. It reads the instances in flight and, when there is room,
     * the next PENDING ones: not every instance of the update (a round follows each batch of
     * status reports while an update runs).
     */
    private final class Round {
        private final MutableStoreProvider store;
        private JobUpdate update;
        private final long now;
        private final UpdateSettings settings;
        private final List<TaskConfig> configs;
        /** The instances in flight when the round began, and those it moved since. */
        private final Map<Integer, UpdateInstance> instances = new HashMap<>();
        private final Map<Integer, Task> activeTasks = new HashMap<>();
        private int steps;

        Round(MutableStoreProvider store, JobUpdate update, List<TaskConfig> configs, long now) {
            this.store = store;
            this.update = update;
            this.now = now;
            this.settings = update.settings();
            this.configs = configs;
            for (UpdateInstance instance : store.updates().instances(update.id(), IN_FLIGHT)) {
                instances.put(instance.instanceId(), instance);
            }
            for (Task task : store.tasks().activeOfJob(update.job())) {
                activeTasks.put(task.instanceId(), task);
            }
        }

        int run() {
            if (pulseOverdue()) {
                return steps;
            }
            if (update.status() != JobUpdateStatus.ROLLING_FORWARD
                    && update.status() != JobUpdateStatus.ROLLING_BACK) {
                return steps;
            }
            boolean hadInFlight = inFlight() > 0;
            for (UpdateInstance instance : ordered(List.copyOf(instances.values()))) {
                step(instance);
            }
            if (checkFailed()) {
                return steps;
            }
            if (hadInFlight && inFlight() == 0 && settings.autopauseAfterBatch()
                    && !nextPending(1).isEmpty()) {
                setStatus(backward() ? JobUpdateStatus.ROLL_BACK_PAUSED
                        : JobUpdateStatus.ROLL_FORWARD_PAUSED, "paused after batch "
                        + store.updates().lastBatch(update.id()) + " (autopause_after_batch)");
                return steps;
            }
            startNext();
            if (inFlight() == 0 && nextPending(1).isEmpty()) {
                finish();
            }
            return steps;
        }

        /** Moves to AWAITING_PULSE when the last pulse is older than the interval. */
        private boolean pulseOverdue() {
            Integer interval = settings.pulseIntervalSecs();
            if (interval == null || now - update.lastPulseAt() < interval * 1000L) {
                return false;
            }
            JobUpdateStatus waiting = switch (update.status()) {
                case ROLLING_FORWARD -> JobUpdateStatus.ROLL_FORWARD_AWAITING_PULSE;
                case ROLLING_BACK -> JobUpdateStatus.ROLL_BACK_AWAITING_PULSE;
                default -> null;
            };
            if (waiting != null) {
                setStatus(waiting, "no pulse for " + interval + " s: waiting for 'borealis "
                        + "update pulse " + update.job() + "'");
            }
            return true;
        }

        private boolean backward() {
            return update.status().isBackward();
        }

        /** In the order of the update's direction: by instance, from the highest rolling back. */
        private List<UpdateInstance> ordered(List<UpdateInstance> some) {
            Comparator<UpdateInstance> byId = Comparator.comparingInt(UpdateInstance::instanceId);
            return some.stream().sorted(backward() ? byId.reversed() : byId).toList();
        }

        /** The next {@code limit} PENDING instances, in the update's direction. */
        private List<UpdateInstance> nextPending(int limit) {
            return store.updates().pending(update.id(), limit, backward());
        }

        private long inFlight() {
            return instances.values().stream().filter(i -> i.state().inFlight()).count();
        }

        /** The configuration the instance is moving to; null when it is to have none. */
        private @Nullable TaskConfig target(UpdateInstance instance) {
            Integer ordinal = backward() ? instance.fromConfig() : instance.toConfig();
            return ordinal == null ? null : configs.get(ordinal);
        }

        private void startNext() {
            boolean batches = settings.strategy() != UpdateStrategyKind.QUEUE
                    || settings.waitForBatchCompletion();
            long room;
            int batch;
            if (batches) {
                if (inFlight() > 0) {
                    return;
                }
                batch = store.updates().lastBatch(update.id()) + 1;
                room = batchSize(batch);
            } else {
                batch = 1;
                room = settings.batchSize() - inFlight();
            }
            if (room <= 0) {
                return;
            }
            for (UpdateInstance waiting : nextPending((int) room)) {
                step(waiting.started(batch));
            }
        }

        private int batchSize(int batch) {
            if (settings.strategy() != UpdateStrategyKind.VARIABLE_BATCH) {
                return settings.batchSize();
            }
            List<Integer> sizes = settings.batchSizes();
            return sizes.get(Math.min(batch, sizes.size()) - 1);
        }

        /** Takes the instance's next step if it is due. */
        private void step(UpdateInstance instance) {
            Task task = activeTasks.get(instance.instanceId());
            TaskConfig target = target(instance);
            switch (instance.state()) {
                case PENDING -> {
                    if (task != null && (target == null || !task.config().equals(target)
                            || instance.restart() && !backward())) {
                        if (slaAllows(task)) {
                            kill(instance, task);
                        }
                    } else if (task != null) {
                        watch(instance, task, "already runs the configuration");
                    } else {
                        replace(instance, target);
                    }
                }
                case KILLING -> {
                    if (task == null) {
                        replace(instance, target);
                    }
                }
                case WATCHING -> watching(instance, task, target);
                default -> { }
            }
        }

        /**
         * Whether the job's SLA policy lets {@code task} be killed now, for an {@code sla_aware}
         * update: a Count or Percentage policy through {@link SlaCheck}, as a host drain asks; a
         * Coordinator policy by the coordinator's answer, asked after the round that wanted the
         * kill ({@link #askCoordinators}). The instance waits PENDING until it does.
         */
        private boolean slaAllows(Task task) {
            SlaPolicy policy = task.config().slaPolicy();
            if (!settings.slaAware() || policy == null) {
                return true;
            }
            if (policy.coordinator() != null) {
                Set<TaskId> allowed = approved.get(update.id());
                if (allowed != null && allowed.remove(task.id())) {
                    return true;
                }
                toAsk.computeIfAbsent(update.id(), ignored -> new ArrayList<>()).add(task);
                return false;
            }
            if (policy.count() == null && policy.percentage() == null) {
                return true;
            }
            SlaCheck.Verdict verdict = SlaCheck.check(policy, task, activeTasks.values(),
                    Set.of(), now);
            if (!verdict.allowed()) {
                LOG.debug("update {}: instance {} waits for its SLA: {}", update.id(),
                        task.instanceId(), verdict.reason());
            }
            return verdict.allowed();
        }

        private void kill(UpdateInstance instance, Task task) {
            stateManager.changeState(store, List.of(task.id()), TaskStatus.KILLING,
                    "Killed for update " + update.id());
            save(instance.moved(State.KILLING, task.id(), now),
                    "killing task " + task.id());
            activeTasks.remove(instance.instanceId());
            Optional<Task> still = store.tasks().fetch(task.id()).filter(Task::isActive);
            if (still.isPresent()) {
                activeTasks.put(instance.instanceId(), still.get());
            } else {
                // A task never launched ends at once: nothing to wait for.
                replace(instances.get(instance.instanceId()), target(instance));
            }
        }

        /** The old task has ended: inserts the target's task, or is done for a removal. */
        private void replace(UpdateInstance instance, @Nullable TaskConfig target) {
            if (target == null) {
                save(instance.moved(State.SUCCEEDED, null, now), "removed");
                return;
            }
            Task inserted = stateManager.insertPendingTasks(store, target,
                    List.of(instance.instanceId())).get(0);
            activeTasks.put(instance.instanceId(), inserted);
            save(instance.moved(State.WATCHING, inserted.id(), now),
                    "started task " + inserted.id());
        }

        private void watch(UpdateInstance instance, Task task, String why) {
            save(instance.moved(State.WATCHING, task.id(), now), why + ": watching " + task.id());
        }

        private void watching(UpdateInstance instance, @Nullable Task active,
                @Nullable TaskConfig target) {
            Task watched = active != null && active.id().equals(instance.taskId()) ? active
                    : instance.taskId() == null ? null
                    : store.tasks().fetch(instance.taskId()).orElse(null);
            if (watched != null && watched.isActive()) {
                if (watched.status() == TaskStatus.RUNNING
                        && now - watched.statusTimestamp() >= settings.watchSecs() * 1000L) {
                    save(instance.moved(State.SUCCEEDED, watched.id(), now),
                            "RUNNING for " + settings.watchSecs() + " s");
                }
                return;
            }
            String what = watched == null ? "its task " + instance.taskId() + " is gone"
                    : "task " + watched.id() + " ended " + watched.status()
                            + lastMessage(watched);
            UpdateInstance failed = instance.failedOnce();
            if (failed.failures() > settings.maxPerInstanceFailures()) {
                save(failed.moved(State.FAILED, instance.taskId(), now),
                        "instance " + instance.instanceId() + " failed: " + what);
                return;
            }
            store.updates().saveInstance(update.id(), failed);
            event(instance.instanceId(), State.WATCHING.name(), "failure " + failed.failures()
                    + " of instance " + instance.instanceId() + ": " + what);
            if (active != null && target != null && active.config().equals(target)) {
                watch(failed, active, "its replacement");
            } else if (active == null) {
                replace(failed, target);
            } else {
                kill(failed, active);
            }
        }

        private String lastMessage(Task task) {
            return store.tasks().events(List.of(task.id())).getOrDefault(task.id(), List.of())
                    .stream()
                    .reduce((first, second) -> second)
                    .map(event -> event.message() == null || event.message().isBlank() ? ""
                            : " (" + event.message() + ")")
                    .orElse("");
        }

        /** Fails or rolls back the update once more than maxTotalFailures instances failed. */
        private boolean checkFailed() {
            List<UpdateInstance> failed = ordered(store.updates().instances(update.id(),
                    Set.of(State.FAILED)));
            if (failed.size() <= settings.maxTotalFailures()) {
                return false;
            }
            String why = failed.size() + " instance(s) failed, more than max_total_failures "
                    + settings.maxTotalFailures() + "; last: " + lastFailure(failed);
            if (!backward() && settings.rollbackOnFailure()) {
                setStatus(JobUpdateStatus.ROLLING_BACK, why + "; rolling back");
                beginRollback(store, update.id(), now);
            } else {
                end(JobUpdateStatus.FAILED, why);
            }
            return true;
        }

        private String lastFailure(List<UpdateInstance> failed) {
            int instance = failed.get(failed.size() - 1).instanceId();
            List<UpdateEvent> events = store.updates().events(update.id());
            for (int i = events.size() - 1; i >= 0; i--) {
                UpdateEvent event = events.get(i);
                if (Integer.valueOf(instance).equals(event.instanceId())
                        && event.status().equals(State.FAILED.name())) {
                    return event.message();
                }
            }
            return "instance " + instance;
        }

        private void finish() {
            if (backward()) {
                end(JobUpdateStatus.ROLLED_BACK, "every instance is back on its previous "
                        + "configuration");
                return;
            }
            if (store.updates().instances(update.id()).stream()
                    .allMatch(UpdateInstance::restart)) {
                // A restart leaves the job's configuration (and update settings) as they were.
                end(JobUpdateStatus.ROLLED_FORWARD, "every instance was restarted");
                return;
            }
            store.jobs().fetch(update.job()).ifPresent(job -> store.jobs().save(
                    new JobConfiguration(job.key(), job.owner(), update.instancesAfter(),
                            configs.get(0), job.cronSchedule(), job.cronCollisionPolicy(),
                            settings, job.cluster())));
            end(JobUpdateStatus.ROLLED_FORWARD, "every instance runs the new configuration");
        }

        private void end(JobUpdateStatus status, String why) {
            setStatus(status, why);
            if (status != JobUpdateStatus.ROLLED_FORWARD
                    && !store.tasks().hasActive(update.job())) {
                store.jobs().delete(update.job());
            }
        }

        private void setStatus(JobUpdateStatus status, String why) {
            LOG.info("update {} of job {}: {} -> {} ({})", update.id(), update.job(),
                    update.status(), status, why);
            update = update.withStatus(status, why, now);
            store.updates().save(update);
            event(null, status.name(), why);
        }

        private void save(UpdateInstance instance, String what) {
            instances.put(instance.instanceId(), instance);
            store.updates().saveInstance(update.id(), instance);
            event(instance.instanceId(), instance.state().name(), what);
            steps++;
        }

        private void event(@Nullable Integer instance, String status, String message) {
            store.updates().addEvent(update.id(), new UpdateEvent(now, instance, status,
                    message));
            steps++;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
