package io.borealis.agent.app;

import static java.util.Objects.requireNonNull;

import io.borealis.agent.outbox.Backoff;
import io.borealis.agent.outbox.Outbox;
import io.borealis.agent.outbox.OutboxSender;
import io.borealis.agent.rpc.AgentControlService;
import io.borealis.agent.rpc.AgentHttpServer;
import io.borealis.agent.rpc.ControlTokens;
import io.borealis.agent.rpc.SchedulerClient;
import io.borealis.agent.rpc.SchedulerSession;
import io.borealis.agent.tasks.LivenessBeacon;
import io.borealis.agent.tasks.TaskCollector;
import io.borealis.agent.tasks.TaskLauncher;
import io.borealis.agent.tasks.TaskManager;
import io.borealis.api.discovery.ServerSets;
import io.borealis.api.discovery.ZooKeepers;
import io.borealis.api.model.AgentInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the composition root. {@link #start} builds, in order: the work-directory
 * lock, the liveness beacon (the file its executors watch), the outbox, the task manager (which recovers the tasks already on disk), the task
 * directory collector (a sweep at start, then every {@code gc.interval}), the task monitor,
 * the HTTP endpoint, the scheduler session and the outbox sender. {@link #close} stops them in
 * reverse order. Executors are never stopped: they run in their own sessions so that a restarted
 * agent finds them again; an agent that does not come back within the loss timeout leaves them
 * to stop their tasks on their own.
 *
 * <p>Lifecycle NEW -> STARTED -> STOPPED, guarded by compare-and-set; {@link #start} and
 * {@link #close} may be called from any thread, once each.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    /** The agent's lifecycle. */
    public enum State { NEW, STARTED, STOPPED }

    private final AgentConfig config;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private FileChannel lockChannel;
    private LivenessBeacon beacon;
    private Outbox outbox;
    private TaskManager tasks;
    private TaskCollector collector;
    private ScheduledExecutorService gc;
    private ScheduledExecutorService monitor;
    private AgentHttpServer http;
    private SchedulerSession session;
    private OutboxSender sender;
    private CuratorFramework zooKeeper;
    private String endpoint;
    private final AgentTls tls;

    public Agent(AgentConfig config, Clock clock) {
        this(config, clock, AgentTls.NONE);
    }

    /** An agent whose endpoint and scheduler calls use {@code tls}. */
    public Agent(AgentConfig config, Clock clock, AgentTls tls) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tls = requireNonNull(tls, "tls is null");
    }

    /**
     * Starts the agent. Returns once it serves its endpoint; registration goes on in the
     * background until the scheduler answers.
     *
     * @throws IllegalStateException when another agent holds the work directory, or this agent
     *     was started before
     */
    public void start() throws Exception {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("agent already " + state.get());
        }
        try {
            startAll();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        AgentConfig.Timing timing = config.timing();
        Path stateDir = config.workDir().resolve("agent");
        lock(stateDir);
        // Before recovery: executors adopted from a previous agent see their agent back at once.
        beacon = new LivenessBeacon(config.workDir(), config.agentTimeout(), clock);
        beacon.start();
        outbox = Outbox.open(stateDir, clock);
        TaskLauncher launcher = new TaskLauncher(config.workDir(), config.executorCommand(),
                config.executorEnvironment());
        tasks = new TaskManager(launcher, outbox, clock, timing.killGrace());
        tasks.recover();
        collector = new TaskCollector(tasks, launcher, config.gc(), clock);
        gc = daemonThread("task-gc");
        gc.scheduleWithFixedDelay(this::collectGarbage, 0, config.gc().interval().toMillis(),
                TimeUnit.MILLISECONDS);
        monitor = daemonThread("task-monitor");
        monitor.scheduleWithFixedDelay(this::pollTasks, 0, timing.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        ControlTokens tokens = new ControlTokens();
        http = new AgentHttpServer(config.access().bindAddress(), config.httpPort(),
                new AgentControlService(tasks), tokens, config.access().maxRequestBytes(),
                tls.server());
        int port = http.start();
        String bound = config.access().bindAddress();
        endpoint = (tls.server() == null ? "http" : "https") + "://"
                + (bound != null && !bound.equals("0.0.0.0") && !bound.equals("::")
                        ? (bound.contains(":") ? "[" + bound + "]" : bound)
                        : endpointHost(config.host())) + ":" + port;
        log.info("listening on {}", endpoint);
        AgentInfo info = new AgentInfo(config.host(), config.host(), endpoint, config.resources(),
                config.portRanges(), config.attributes(), config.observerUrl());
        SchedulerClient client = schedulerClient(config, timing, tls);
        session = new SchedulerSession(client, info, tasks,
                new Backoff(timing.retryInitial(), timing.retryMax()), beacon::timeout, tokens,
                outbox::lastSeq);
        session.start();
        sender = new OutboxSender(outbox, batch -> client.statusUpdate(config.host(), batch),
                session::isRegistered, new Backoff(timing.retryInitial(), timing.retryMax()));
        sender.start();
    }

    /** One monitor tick; a task that ended while over the count limit asks for a gc sweep. */
    private void pollTasks() {
        if (tasks.poll() > 0 && collector.overLimit()) {
            gc.execute(this::collectGarbage);
        }
    }

    private void collectGarbage() {
        try {
            collector.sweep();
        } catch (RuntimeException e) {
            // Keep the schedule alive: the next sweep tries again.
            log.warn("task directory gc failed, will retry: {}", e.toString());
        }
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The registered AgentControl endpoint, {@code http://HOST:PORT}; null before start. */
    public String endpoint() {
        return endpoint;
    }

    /** The task manager; null before start. For tests and diagnostics. */
    public TaskManager tasks() {
        return tasks;
    }

    /** The task directory collector; null before start. For tests and diagnostics. */
    public TaskCollector collector() {
        return collector;
    }

    /** The liveness beacon; null before start. For tests and diagnostics. */
    public LivenessBeacon beacon() {
        return beacon;
    }

    /** The outbox; null before start. For tests and diagnostics. */
    public Outbox outbox() {
        return outbox;
    }

    public boolean isRegistered() {
        return session != null && session.isRegistered();
    }

    /** Stops the agent, leaving every executor running. Idempotent. */
    @Override
    public void close() {
        if (state.getAndSet(State.STOPPED) != State.STARTED) {
            return;
        }
        if (sender != null) {
            sender.close();
        }
        if (session != null) {
            session.close();
        }
        if (http != null) {
            http.close();
        }
        stop(monitor);
        stop(gc);
        closeQuietly(zooKeeper);
        closeQuietly(beacon);
        closeQuietly(outbox);
        closeQuietly(lockChannel);
        log.info("agent stopped; executors keep running");
    }

    /**
     * The client of {@code --scheduler}, or, with {@code --zk}, of whichever replica ZooKeeper
     * names as leader. The ZooKeeper connection is made in the background: the agent starts,
     * and keeps its tasks running, while ZooKeeper or every scheduler is away.
     */
    private SchedulerClient schedulerClient(AgentConfig config, AgentConfig.Timing timing,
            AgentTls tls) {
        if (!ZooKeepers.Address.isAddress(config.schedulerUrl())) {
            return new SchedulerClient(config.schedulerUrl(), timing.rpcTimeout(),
                    config.access().credentials(), tls.schedulerTrust());
        }
        ZooKeepers.Address address = ZooKeepers.Address.parse(config.schedulerUrl());
        CuratorFramework client = ZooKeepers.client(address.ensemble(),
                ZooKeepers.DEFAULT_SESSION_TIMEOUT, ZooKeepers.DEFAULT_CONNECTION_TIMEOUT);
        zooKeeper = client;
        log.info("finding the leading scheduler in ZooKeeper {}", address);
        return new SchedulerClient(() -> client.getZookeeperClient().isConnected()
                ? ServerSets.leaderUrl(client, address.path()) : Optional.empty(),
                timing.rpcTimeout(), config.access().credentials(), tls.schedulerTrust());
    }

    private static void stop(ScheduledExecutorService thread) {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("cannot close {}: {}", closeable, e.toString());
        }
    }

    /**
     * The host name others reach this agent at: {@code host} when that name resolves (the usual
     * case: it is the machine's name), else this machine's own name, so that agents given
     * made-up names (several agents on one machine) stay reachable.
     */
    static String endpointHost(String host) {
        try {
            InetAddress.getByName(host);
            return host;
        } catch (UnknownHostException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unknown) {
                return "localhost";
            }
        }
    }

    private void lock(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        lockChannel = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("another agent uses the work directory "
                    + config.workDir());
        }
    }
}
