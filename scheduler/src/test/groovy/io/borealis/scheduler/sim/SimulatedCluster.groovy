package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.model.AgentInfo
import io.borealis.api.model.Attribute
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.api.model.ScheduledTask
import io.borealis.api.model.TaskQuery
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.SchedulerManager
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.Future
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.ScheduledFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong
import java.util.function.Function
import java.util.function.LongConsumer
import org.apache.thrift.protocol.TJSONProtocol
import org.apache.thrift.protocol.TMultiplexedProtocol

/**
 * A simulated cluster in one JVM: the real scheduler ({@link SchedulerMain#start} on a
 * file-backed H2 home in a temporary directory: real storage, placement, state machine and Thrift
 * handlers) and thousands of {@link SimAgent}s served by one {@link AgentFarm}. The scheduler
 * pushes launches and kills to the agents over HTTP; the agents call its AgentService over HTTP
 * or in process ({@link SimulatedCluster.Transport}).
 *
 * <p>Deterministic where it matters for CI: agents, their attributes and resources come from
 * {@link Options}; heartbeats are sent when the caller asks ({@link #heartbeatAll}) or on a
 * timer ({@link #startHeartbeats}); the clock is the caller's (a {@code MutableClock} makes
 * timeouts a matter of moving it). Violations the agents see (overcommit, a task launched twice
 * or on the wrong agent) are collected in {@link #violations}. Close it to stop everything and
 * delete the home.
 */
@CompileStatic
final class SimulatedCluster implements AutoCloseable {
    /** How agents call the scheduler (see {@link SchedulerLink}). */
    enum Transport { HTTP, IN_PROCESS }

    /** What to simulate. */
    static final class Options {
        int agents = 200
        String cluster = 'sim'
        Clock clock = Clock.systemUTC()
        SimulatedCluster.Transport transport = SimulatedCluster.Transport.HTTP
        /** Agents report STARTING and RUNNING as soon as a launch arrives. */
        boolean autoReport = true
        /** Agent index to its resources. */
        Function<Integer, Resources> resources = { new Resources(8d, 16_384L, 65_536L, 0) } as Function<Integer, Resources>
        /** Agents per rack: agent i is on rack {@code r(i / agentsPerRack)}. */
        int agentsPerRack = 20
        /** Agent index to its {@code dedicated} value, or null for a shared agent. */
        Function<Integer, String> dedicated = { null } as Function<Integer, String>
        int reporterThreads = 4
        /**
         * Agents heartbeat on their own every this often once registered; null: only when
         * asked ({@link #heartbeatAll}). With the system clock, use the scheduler's interval, or
         * agents are given up on after the agent timeout.
         */
        Duration heartbeats
        /** Turns the defaults (home, free port, cluster) into the configuration to run. */
        Function<SchedulerConfig, SchedulerConfig> configure = Function.identity()
    }

    final Options options
    final Clock clock
    final Path home
    final SchedulerConfig config
    final AgentFarm farm
    final List<SimAgent> agents = []
    final Map<String, SimAgent> agentsById = [:]
    final SchedulerLink link
    final ExecutorService reporters
    final Queue<String> violations = new ConcurrentLinkedQueue<>()
    /** Task id to the agent it was launched on (first launch). */
    final Map<String, String> launchedOn = new ConcurrentHashMap<>()
    final AtomicLong launches = new AtomicLong()
    final AtomicLong duplicateLaunches = new AtomicLong()
    final AtomicLong updatesQueued = new AtomicLong()
    final AtomicLong updatesAcked = new AtomicLong()
    private final ScheduledExecutorService timers
    private final ExecutorService workers
    private final ExecutorService beaters
    private volatile Scheduler scheduler
    private volatile String note = ''
    private ScheduledFuture<?> heartbeats

    private SimulatedCluster(Options options) {
        this.options = options
        this.clock = options.clock
        this.home = Files.createTempDirectory('scale-sim-')
        this.farm = new AgentFarm()
        this.reporters = Executors.newFixedThreadPool(options.reporterThreads, daemon('sim-reporter'))
        this.workers = Executors.newFixedThreadPool(8, daemon('sim-worker'))
        this.timers = Executors.newScheduledThreadPool(1, daemon('sim-timer'))
        this.beaters = Executors.newFixedThreadPool(4, daemon('sim-heartbeat'))
        this.link = new SchedulerLink(options.transport, { -> scheduler.localUrl() },
                { -> scheduler.api() })
        SchedulerConfig base = SchedulerConfig.defaults(home).withHttpPort(0)
                .withCluster(options.cluster)
        this.scheduler = SchedulerMain.start(options.configure.apply(base), clock)
        // Pin the port, so that a restarted scheduler is where the agents look for it.
        this.config = options.configure.apply(base).withHttpPort(scheduler.httpPort())
        for (int i = 0; i < options.agents; i++) {
            SimAgent agent = new SimAgent(this, agentInfo(i))
            agents << agent
            agentsById.put(agent.id(), agent)
            farm.add(agent)
        }
    }

    /** Starts the scheduler and the agents' endpoints, and registers every agent. */
    static SimulatedCluster start(Options options = new Options()) {
        SimulatedCluster cluster = new SimulatedCluster(options)
        try {
            if (options.heartbeats != null) {
                // Beating while the others register: registering thousands takes longer than
                // the agent timeout.
                cluster.startHeartbeats(options.heartbeats)
            }
            cluster.registerAll()
        } catch (Exception e) {
            cluster.close()
            throw e
        }
        cluster
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong()
        return { Runnable r ->
            Thread t = new Thread(r, name + '-' + count.incrementAndGet())
            t.daemon = true
            t
        } as java.util.concurrent.ThreadFactory
    }

    static String agentId(int index) {
        String.format('sim-%05d', index)
    }

    private AgentInfo agentInfo(int index) {
        String id = agentId(index)
        List<Attribute> attributes = [new Attribute('host', [id] as Set),
                new Attribute('rack', ['r' + index.intdiv(options.agentsPerRack)] as Set)]
        String dedicated = options.dedicated.apply(index)
        if (dedicated != null) {
            attributes << new Attribute('dedicated', [dedicated] as Set)
        }
        new AgentInfo(id, id, farm.endpoint(id), options.resources.apply(index),
                [new PortRange(31000, 31999)], attributes, "http://$id:1338".toString())
    }

    Scheduler scheduler() {
        scheduler
    }

    // --- agents -----------------------------------------------------------------------------

    /** Registers every agent, from several threads. */
    void registerAll() {
        each(agents) { SimAgent a -> a.register() }
    }

    /** One heartbeat from every live agent, from several threads; returns when all are answered. */
    void heartbeatAll() {
        each(agents.findAll { it.alive() }) { SimAgent a -> a.heartbeat() }
    }

    /** Every live agent heartbeats every {@code interval} (spread over it), until closed. */
    void startHeartbeats(Duration interval) {
        long periodMicros = interval.toNanos().intdiv(1000) as long
        long slot = Math.max(1L, periodMicros.intdiv(Math.max(1, agents.size())) as long)
        int[] next = [0] as int[]
        heartbeats = timers.scheduleAtFixedRate({ ->
            SimAgent agent = agents[next[0]++ % agents.size()]
            if (agent.alive() && agent.registered()) {
                beaters.execute {
                    try {
                        agent.heartbeat()
                    } catch (SchedulerLink.CallFailed ignored) {
                        // The next beat tries again, as a real agent does.
                    }
                }
            }
        } as Runnable, 0, slot, TimeUnit.MICROSECONDS)
    }

    void stopHeartbeats() {
        heartbeats?.cancel(false)
    }

    private void each(List<SimAgent> list, Closure<?> action) {
        List<Future<?>> futures = []
        int chunks = 8
        for (int c = 0; c < chunks; c++) {
            int from = c
            futures << workers.submit({ ->
                for (int i = from; i < list.size(); i += chunks) {
                    action.call(list[i])
                }
                null
            } as Callable)
        }
        futures.each { it.get() }
    }

    void retryLater(SimAgent agent) {
        if (!timers.isShutdown()) {
            timers.schedule({ -> agent.kick() } as Runnable, 50, TimeUnit.MILLISECONDS)
        }
    }

    void launched(String agentId, String taskId) {
        launches.incrementAndGet()
        String earlier = launchedOn.putIfAbsent(taskId, agentId)
        if (earlier != null && earlier != agentId) {
            violation("task $taskId launched on $earlier and again on $agentId")
        }
    }

    void duplicateLaunch(String agentId, String taskId) {
        duplicateLaunches.incrementAndGet()
    }

    void violation(String what) {
        violations << what
    }

    /** Whether every agent's outbox is empty and no send is under way. */
    boolean agentsIdle() {
        agents.every { !it.alive() || it.idle() }
    }

    /** Remembers what a waiting caller saw last, for the message when it times out. */
    void note(Object seen) {
        note = String.valueOf(seen)
    }

    /** Launches, updates and the last {@link #note}: where the cluster stands. */
    String progress() {
        int unacked = (int) agents.sum { SimAgent a -> a.unacked() }
        "${launches.get()} launches (${duplicateLaunches.get()} repeated), " +
                "${updatesQueued.get()} updates queued, ${updatesAcked.get()} acked, " +
                "$unacked unacked; $note"
    }

    /**
     * Polls {@code condition} every {@code pollMillis} until it holds; throws naming {@code what}
     * and the cluster's {@link #progress} once {@code timeout} has passed without.
     */
    void await(Duration timeout, String what, long pollMillis = 20, Closure<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos()
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after $timeout waiting for $what: ${progress()}".toString())
            }
            Thread.sleep(pollMillis)
        }
    }

    // --- the scheduler ----------------------------------------------------------------------

    /** Stops the scheduler and starts it again on the same home and port. */
    void restartScheduler() {
        scheduler.close()
        scheduler = SchedulerMain.start(config, clock)
        agents.each { it.kick() }
        // As real agents do on their next heartbeat: the new process does not know them, says
        // so, and they register again (until then it places nothing on them).
        heartbeatAll()
    }

    SchedulerManager.Client manager() {
        ThriftHttp.client(scheduler.localUrl() + '/api', 'SchedulerManager',
                { p -> new SchedulerManager.Client(p) }, [:], Duration.ofSeconds(60))
    }

    ReadOnlyScheduler.Client reader() {
        ThriftHttp.client(scheduler.localUrl() + '/api', 'ReadOnlyScheduler',
                { p -> new ReadOnlyScheduler.Client(p) }, [:], Duration.ofSeconds(60))
    }

    /** A ReadOnlyScheduler client through the scheduler's own processor; times each call. */
    ReadOnlyScheduler.Client readerInProcess(LongConsumer serverNanos, boolean json = false,
            LongConsumer serverCpuNanos = { long n -> } as LongConsumer) {
        def transport = new InProcessTransport(scheduler.api(), serverNanos, serverCpuNanos)
        new ReadOnlyScheduler.Client(new TMultiplexedProtocol(json ? new TJSONProtocol(transport)
                : new org.apache.thrift.protocol.TCompactProtocol(transport), 'ReadOnlyScheduler'))
    }

    void createJob(JobConfiguration job) {
        Response response = manager().createJob(ThriftCodec.toThrift(job))
        if (response.responseCode != ResponseCode.OK) {
            throw new IllegalStateException("createJob ${job.key()}: ${Responses.message(response)}")
        }
    }

    /** The tasks of {@code job}, with their events, through the API over HTTP. */
    List<ScheduledTask> tasks(JobKey job) {
        tasks(new TaskQuery(job.role(), job.environment(), job.name(), null, null, null, null,
                null, null, null))
    }

    List<ScheduledTask> tasks(TaskQuery query) {
        Response response = reader().getTasksStatus(ThriftCodec.toThrift(query))
        if (response.responseCode != ResponseCode.OK) {
            throw new IllegalStateException("getTasksStatus: ${Responses.message(response)}")
        }
        response.result.scheduleStatusResult.tasks.collect { ThriftCodec.fromThrift(it) }
    }

    @Override
    void close() {
        stopHeartbeats()
        timers.shutdownNow()
        scheduler?.close()
        reporters.shutdownNow()
        workers.shutdownNow()
        beaters.shutdownNow()
        farm.close()
        home.toFile().deleteDir()
    }
}
