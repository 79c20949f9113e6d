package io.borealis.scheduler.sim

import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.ScheduledTask
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskQuery
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.TaskStatus
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.Admin
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.scheduler.testing.Fixtures
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.function.LongConsumer

/**
 * The scale benchmarks of issue 7 on the {@link SimulatedCluster} (file-backed H2, the real
 * scheduler): each starts its own cluster, prints its figures as {@code BENCH name: ...} lines
 * and returns them; none asserts a duration. Sizes come from system properties (defaults in
 * brackets): see each method. Run through {@code ScaleBenchSpec}.
 */
final class ScaleBench {
    static final String CLUSTER = 'sim'
    /** The scheduler's default heartbeat interval: agents beat on their own, as real ones do. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5)

    /** Prints how long the step since {@code since} took; returns now. */
    static long step(String what, long since) {
        long now = System.nanoTime()
        println String.format('  %-40s %8.2f s', what, seconds(now - since))
        now
    }

    static void report(String name, String figures) {
        println "BENCH $name: $figures"
    }

    static double seconds(long nanos) {
        nanos / 1e9d
    }

    /** CPU time this JVM has used (scheduler and simulated agents together), in nanoseconds. */
    static long cpuNanos() {
        ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .operatingSystemMXBean).processCpuTime
    }

    /**
     * The machine's load when a figure was taken (figures on a busy machine are lower), and the
     * JVM's garbage collector flags (bin/borealis-scheduler sets its own: compare like with like).
     */
    static String load() {
        List<String> gc = java.lang.management.ManagementFactory.runtimeMXBean.inputArguments
                .findAll { it.contains('GC') || it.contains('NewSize') || it.startsWith('-Xm') }
        String.format('load average %.1f on %d cores; JVM %s',
                java.lang.management.ManagementFactory.operatingSystemMXBean.systemLoadAverage,
                Runtime.runtime.availableProcessors(), gc ? gc.join(' ') : 'default GC')
    }

    /** Milliseconds spent in garbage collections and in JIT compilation so far. */
    static List<Long> gcAndJitMillis() {
        def mx = java.lang.management.ManagementFactory
        [mx.garbageCollectorMXBeans.sum { it.collectionTime } as long,
         mx.compilationMXBean.totalCompilationTime]
    }

    /** CPU time of each live thread, by thread id, with its name (for {@link #cpuByGroup}). */
    static Map<Long, List> threadCpu() {
        def threads = java.lang.management.ManagementFactory.threadMXBean
        (threads.allThreadIds as List<Long>).collectEntries { long id ->
            def info = threads.getThreadInfo(id)
            long cpu = threads.getThreadCpuTime(id)
            info == null || cpu < 0 ? [:] : [(id): [info.threadName, cpu]]
        }
    }

    /**
     * The CPU the threads used since {@code before} ({@link #threadCpu}), summed by thread
     * group (the name without its numbers), largest first, in seconds.
     */
    static String cpuByGroup(Map<Long, List> before) {
        Map<String, Long> groups = [:].withDefault { 0L }
        threadCpu().each { Long id, List now ->
            long was = before[id] ? before[id][1] as long : 0L
            groups[(now[0] as String).replaceAll(/\d+/, 'N')] += (now[1] as long) - was
        }
        groups.findAll { it.value > 50_000_000L }.sort { -it.value }
                .collect { String.format('%s %.1f', it.key, seconds(it.value)) }.join(', ')
    }

    static String rate(long count, long nanos) {
        String.format('%,.0f/s', count / seconds(nanos))
    }

    static void createAll(SimulatedCluster cluster, List<JobConfiguration> jobs, int threads = 8) {
        def pool = Executors.newFixedThreadPool(threads)
        try {
            pool.invokeAll(jobs.collect { job -> { -> cluster.createJob(job); null } as Callable })
                    .each { it.get() }
        } finally {
            pool.shutdown()
        }
    }

    /** Waits until {@code target} launches arrived or none came for {@code stall}. */
    static long awaitLaunches(SimulatedCluster cluster, long target, Duration stall) {
        long last = -1
        long lastChange = System.nanoTime()
        while (cluster.launches.get() < target) {
            long now = cluster.launches.get()
            if (now != last) {
                last = now
                lastChange = System.nanoTime()
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                break
            }
            Thread.sleep(5)
        }
        cluster.launches.get()
    }

    static void awaitAcked(SimulatedCluster cluster, long target, Duration timeout) {
        cluster.await(timeout, "$target updates acked", 5) { cluster.updatesAcked.get() >= target }
    }

    /**
     * Placements per second filling {@code scale.agents} [10,000] hosts with
     * {@code scale.tasks} [50,000] tasks in jobs of 100 of the {@link Workload#mixed} mix.
     * Agents ack launches; with {@code scale.report=1} they also report STARTING and RUNNING
     * meanwhile (competing for the scheduler).
     */
    static Map<String, Object> placement() {
        int agents = Integer.getInteger('scale.agents', 10_000)
        int tasks = Integer.getInteger('scale.tasks', 50_000)
        boolean reporting = System.getProperty('scale.report') == '1'
        boolean beating = System.getProperty('scale.heartbeats') == '1'
        int perRack = 40
        int racks = Math.max(1, agents.intdiv(perRack))
        long started = System.nanoTime()
        // Without heartbeats the agent timeout must outlast the run (registering 10,000 agents
        // alone takes about a minute here).
        SimulatedCluster cluster = SimulatedCluster.start(new SimulatedCluster.Options(
                heartbeats: beating ? HEARTBEAT : null,
                configure: { c -> beating ? c : c.withAgentTimings(Duration.ofHours(1),
                        c.assignedGrace(), c.agentCheckInterval()) },
                agents: agents, agentsPerRack: perRack, autoReport: reporting,
                resources: { int i -> Workload.hostShape(i) },
                dedicated: { int i -> Workload.dedicatedHost(i) }))
        try {
            long registered = System.nanoTime()
            List<JobConfiguration> jobs = (0..<tasks.intdiv(100)).collect {
                Workload.mixed(it, 100, racks, CLUSTER)
            }
            long t0 = System.nanoTime()
            long cpu0 = cpuNanos()
            createAll(cluster, jobs)
            long created = System.nanoTime()
            long placed = awaitLaunches(cluster, tasks, Duration.ofSeconds(20))
            long done = System.nanoTime()
            long cpu = cpuNanos() - cpu0
            String figures = String.format('%,d of %,d tasks (%d jobs) placed and launched on %,d ' +
                    'agents in %.2f s from the first createJob = %s (jobs created in %.2f s, the ' +
                    'last task launched %.2f s after the last job); JVM CPU %.1f s = %s per ' +
                    'CPU-second (createJob, placement, launches over HTTP, simulated agents); ' +
                    'agents registered in %.1f s; agents reporting: %s; heartbeating: %s; %s',
                    placed, tasks, jobs.size(), agents, seconds(done - t0),
                    rate(placed, done - t0), seconds(created - t0), seconds(done - created),
                    seconds(cpu), rate(placed, cpu), seconds(registered - started), reporting,
                    beating, load())
            report('placement', figures)
            [placed: placed, seconds: seconds(done - t0)]
        } finally {
            cluster.close()
        }
    }

    /**
     * The placement round alone, as {@code ScaleProbeSpec} measures it: the same agents and job
     * mix in a file-backed H2 storage, every task PENDING, then one {@code SchedulingLoop} round
     * (snapshot, {@code Placement}, one write moving every placed task to ASSIGNED) with a
     * gateway that only records the launches. Shows what placement and its write cost when job
     * creation is not in the way. A first round of a fifth of the size, in a storage of its own,
     * warms the JIT as a scheduler that has been running is warm.
     */
    static Map<String, Object> placementRound() {
        int agents = Integer.getInteger('scale.agents', 10_000)
        int tasks = Integer.getInteger('scale.tasks', 50_000)
        oneRound(agents.intdiv(5), tasks.intdiv(5), 'placement-round-warmup')
        oneRound(agents, tasks, 'placement-round')
    }

    private static Map<String, Object> oneRound(int agents, int tasks, String name) {
        int racks = Math.max(1, agents.intdiv(40))
        File dir = File.createTempDir()
        def clock = java.time.Clock.systemUTC()
        def storage = io.borealis.scheduler.storage.h2.H2Storage.open(
                "jdbc:h2:file:$dir/db/borealis" + System.getProperty("scale.h2.options", ""), clock)
        try {
            def gateway = new io.borealis.scheduler.testing.RecordingGateway()
            def signal = new io.borealis.scheduler.state.PendingSignal()
            def states = new io.borealis.scheduler.state.StateManager(clock, gateway, signal, 'bench')
            def loop = new io.borealis.scheduler.scheduling.SchedulingLoop(storage, states, gateway,
                    signal, Duration.ofSeconds(1), tasks)
            storage.write { store ->
                (0..<agents).each { int i ->
                    String id = SimulatedCluster.agentId(i)
                    List<io.borealis.api.model.Attribute> attributes = [
                            new io.borealis.api.model.Attribute('host', [id] as Set),
                            new io.borealis.api.model.Attribute('rack', ["r${i.intdiv(40)}".toString()] as Set)]
                    if (Workload.dedicatedHost(i) != null) {
                        attributes << new io.borealis.api.model.Attribute('dedicated', [Workload.dedicatedHost(i)] as Set)
                    }
                    store.agents().save(new io.borealis.api.model.AgentInfo(id, id, "http://$id:1",
                            Workload.hostShape(i), [new io.borealis.api.model.PortRange(31000, 31999)],
                            attributes, "http://$id:1338"))
                }
            }
            (0..<tasks.intdiv(100)).each { int j ->
                JobConfiguration job = Workload.mixed(j, 100, racks, CLUSTER)
                storage.write { store -> states.insertPendingTasks(store, job.taskConfig(), (0..<100).toList()) }
            }
            def threads = java.lang.management.ManagementFactory.threadMXBean
            long t0 = System.nanoTime()
            long cpu0 = cpuNanos()
            long thread0 = threads.currentThreadCpuTime
            int placed = loop.runOnce()
            long took = System.nanoTime() - t0
            long cpu = cpuNanos() - cpu0
            long thread = threads.currentThreadCpuTime - thread0
            report(name, String.format('one scheduling round placed %,d of %,d ' +
                    'pending tasks on %,d agents and stored the assignments in %.2f s = %s ' +
                    '(JVM CPU %.2f s; the round\'s own thread %.2f s = %s per CPU-second); %s',
                    placed, tasks, agents, seconds(took), rate(placed, took), seconds(cpu),
                    seconds(thread), rate(placed, thread), load()))
            [placed: placed, seconds: seconds(took)]
        } finally {
            storage.close()
            dir.deleteDir()
        }
    }

    /**
     * Preemption: {@code scale.preempt.agents} [1,000] agents of 8 cpu filled with preemptible
     * 1-cpu tasks, then {@code scale.preempt.tasks} [1,000] pending production (tier preferred)
     * tasks: time until all of them are launched, and how many victims were preempted.
     */
    static Map<String, Object> preemption() {
        int agents = Integer.getInteger('scale.preempt.agents', 1_000)
        int pending = Integer.getInteger('scale.preempt.tasks', 1_000)
        Resources one = new Resources(1d, 1024L, 1024L, 0)
        SimulatedCluster cluster = SimulatedCluster.start(new SimulatedCluster.Options(heartbeats: HEARTBEAT,
                agents: agents, resources: { new Resources(8d, 8192L, 65_536L, 0) }))
        try {
            int fill = agents * 8
            List<JobConfiguration> filler = (0..<fill.intdiv(100)).collect {
                Workload.job(Workload.config(new JobKey('batch', 'prod', "filler$it"), one, [],
                        [tier: 'preemptible']), 100, CLUSTER)
            }
            createAll(cluster, filler)
            awaitLaunches(cluster, fill, Duration.ofSeconds(20))
            awaitAcked(cluster, 2L * fill, Duration.ofMinutes(5))
            setQuota(cluster, 'prod-team', new Resources(pending * 2d, pending * 2048L,
                    pending * 2048L, 0))
            List<JobConfiguration> production = (0..<Math.max(1, pending.intdiv(100))).collect {
                Workload.job(Workload.config(new JobKey('prod-team', 'prod', "urgent$it"), one, [],
                        [tier: 'preferred', production: true]), Math.min(100, pending), CLUSTER)
            }
            long launchedBefore = cluster.launches.get()
            long t0 = System.nanoTime()
            createAll(cluster, production)
            long placed = awaitLaunches(cluster, launchedBefore + pending,
                    Duration.ofSeconds(30)) - launchedBefore
            long done = System.nanoTime()
            long victims = production.isEmpty() ? 0 : filler.sum { JobConfiguration job ->
                cluster.tasks(job.key()).count { it.taskEvents().any { e ->
                    e.status() == TaskStatus.PREEMPTING } }
            } as long
            String figures = String.format('%,d of %,d pending production tasks launched on a ' +
                    'cluster full of preemptible tasks (%,d agents, %,d victims preempted) ' +
                    'in %.2f s%s; %s', placed, pending, agents, victims, seconds(done - t0),
                    placed < pending ? ' (the rest stayed PENDING: no preemption in this build?)' : '',
                    load())
            report('preemption', figures)
            [placed: placed, victims: victims, seconds: seconds(done - t0)]
        } finally {
            cluster.close()
        }
    }

    private static void setQuota(SimulatedCluster cluster, String role, Resources quota) {
        Admin.Client admin = ThriftHttp.client(cluster.scheduler().localUrl() + '/api', 'Admin',
                { p -> new Admin.Client(p) }, [:], Duration.ofSeconds(30))
        Response response = admin.setQuota(role, ThriftCodec.toThrift(quota))
        if (response.responseCode != ResponseCode.OK) {
            println "(setQuota $role: ${io.borealis.api.rpc.Responses.message(response)})"
        }
    }

    /**
     * Status updates applied per second: {@code scale.status.agents} [2,000] agents hold
     * {@code scale.status.tasks} [20,000] launched tasks; every agent then reports STARTING for
     * all of its tasks, and once those are acked RUNNING, through AgentService.statusUpdate
     * (batches of up to 100, one sender per agent, {@code scale.status.threads} [8] senders),
     * over HTTP and in process.
     */
    static Map<String, Object> statusUpdates() {
        int agents = Integer.getInteger('scale.status.agents', 2_000)
        int tasks = Integer.getInteger('scale.status.tasks', 20_000)
        int threads = Integer.getInteger('scale.status.threads', 8)
        Map<String, Object> figures = [:]
        for (SimulatedCluster.Transport transport : SimulatedCluster.Transport.values()) {
            SimulatedCluster cluster = SimulatedCluster.start(new SimulatedCluster.Options(heartbeats: HEARTBEAT,
                    agents: agents, autoReport: false, transport: transport,
                    reporterThreads: threads, resources: { new Resources(64d, 262_144L, 1_048_576L, 0) }))
            try {
                List<JobConfiguration> jobs = (0..<Math.max(1, tasks.intdiv(1000))).collect {
                    Workload.job(Workload.config(new JobKey('www', 'prod', "status$it"),
                            Workload.SMALL), Math.min(1000, tasks), CLUSTER)
                }
                createAll(cluster, jobs)
                awaitLaunches(cluster, tasks, Duration.ofSeconds(30))
                List<String> phases = []
                for (TaskStatus status : [TaskStatus.STARTING, TaskStatus.RUNNING]) {
                    long acked = cluster.updatesAcked.get()
                    long t0 = System.nanoTime()
                    long cpu0 = cpuNanos()
                    cluster.agents.each { SimAgent agent ->
                        agent.held().keySet().each { agent.report(it, status, status.name()) }
                    }
                    awaitAcked(cluster, acked + tasks, Duration.ofMinutes(10))
                    long took = System.nanoTime() - t0
                    long cpu = cpuNanos() - cpu0
                    phases << String.format('%s %s (%,d in %.2f s; %s per JVM CPU-second)',
                            status, rate(tasks, took), tasks, seconds(took), rate(tasks, cpu))
                    figures["$transport $status".toString()] = tasks / seconds(took)
                }
                report('status-updates', String.format('%s, %,d agents x %d tasks, %d senders: %s; %s',
                        transport, agents, tasks.intdiv(agents), threads, phases.join('; '), load()))
            } finally {
                cluster.close()
            }
        }
        figures
    }

    /**
     * Status of one job of {@code scale.job.instances} [10,000] RUNNING instances (four events
     * each), {@code scale.job.queries} [100] times per call: the server side (the scheduler's /api
     * processor: decode, read, encode) p50/p99/max of {@code getTasksWithoutConfigs} (what
     * {@code job status} calls: one configuration per job, processes left out) and of
     * {@code getTasksStatus} (every task with its full configuration), and the round trip over
     * HTTP with the client's decoding, for comparison.
     */
    static Map<String, Object> jobStatus() {
        int instances = Integer.getInteger('scale.job.instances', 10_000)
        int queries = Integer.getInteger('scale.job.queries', 100)
        int agents = Math.max(1, instances.intdiv(8))
        // The simulated agents share this JVM: a heartbeat late under the load of the queries
        // must not get an agent's tasks LOST and replaced (the job would grow past 10,000).
        SimulatedCluster cluster = SimulatedCluster.start(new SimulatedCluster.Options(heartbeats: HEARTBEAT,
                configure: { c -> c.withAgentTimings(Duration.ofMinutes(10), c.assignedGrace(),
                        c.agentCheckInterval()) },
                agents: agents, resources: { new Resources(8d, 65_536L, 1_048_576L, 0) }))
        try {
            JobKey key = new JobKey('www', 'prod', 'big')
            cluster.createJob(Workload.job(Workload.config(key,
                    new Resources(1d, 1024L, 1024L, 0), [], [ports: ['http']]), instances, CLUSTER))
            long t = step("${agents} agents registered, job of ${instances} created", System.nanoTime())
            awaitLaunches(cluster, instances, Duration.ofSeconds(60))
            t = step('all launched', t)
            awaitAcked(cluster, 2L * instances, Duration.ofMinutes(5))
            step('all RUNNING', t)
            def query = ThriftCodec.toThrift(new TaskQuery('www', 'prod', 'big', null, null, null,
                    null, null, null, null))
            Map<String, Object> figures = [:]
            Closure<Response> withoutConfigs = { ReadOnlyScheduler.Client c -> c.getTasksWithoutConfigs(query) }
            Closure<Response> withConfigs = { ReadOnlyScheduler.Client c -> c.getTasksStatus(query) }
            // Warm up (JIT) every call and protocol before measuring any: a scheduler answers
            // these many times a day, and whichever was measured first paid for the others'
            // compilation.
            [false, true].each { boolean json ->
                ReadOnlyScheduler.Client warm = cluster.readerInProcess({ long n -> } as LongConsumer, json)
                20.times { withoutConfigs(warm); withConfigs(warm) }
            }
            [['getTasksWithoutConfigs (compact protocol, as job status asks)', withoutConfigs, false],
             ['getTasksStatus (compact protocol)', withConfigs, false],
             ['getTasksWithoutConfigs (JSON protocol)', withoutConfigs, true],
             ['getTasksStatus (JSON protocol)', withConfigs, true]].each { List arguments ->
                String call = arguments[0]
                Closure<Response> ask = arguments[1] as Closure<Response>
                boolean json = arguments[2]
                List<Long> server = []
                List<Long> cpu = []
                int size = 0
                ReadOnlyScheduler.Client local = cluster.readerInProcess({ long n -> server << n } as LongConsumer,
                        json, { long n -> cpu << n } as LongConsumer)
                for (int i = 0; i < queries; i++) {
                    size = ask(local).result.scheduleStatusResult.tasks.size()
                }
                List<Long> http = []
                for (int i = 0; i < Math.max(5, queries.intdiv(5)); i++) {
                    long t0 = System.nanoTime()
                    ask(ThriftHttp.client(cluster.scheduler().localUrl() + '/api', 'ReadOnlyScheduler',
                            { p -> new ReadOnlyScheduler.Client(p) }, [:], Duration.ofSeconds(60),
                            json ? ThriftHttp.Wire.JSON : ThriftHttp.Wire.COMPACT, null))
                    http << System.nanoTime() - t0
                }
                report('job-status', String.format('%s of one job of %,d RUNNING tasks (4 events ' +
                        'each): server side p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d calls ' +
                        '(its CPU time p50 %.1f ms, p99 %.1f ms); HTTP round trip incl. client ' +
                        'decoding p50 %.1f ms, p99 %.1f ms over %d calls; %s', call, size,
                        pct(server, 50), pct(server, 90), pct(server, 99), pct(server, 100),
                        queries, pct(cpu, 50),
                        pct(cpu, 99), pct(http, 50), pct(http, 99), http.size(), load()))
                figures[call] = pct(server, 99)
            }
            [p99: figures.values().first()]
        } finally {
            cluster.close()
        }
    }

    /**
     * Instances updated per minute: a service job of {@code scale.update.instances} [1,000]
     * RUNNING instances on {@code scale.update.agents} [250] agents gets a new command through
     * {@code startJobUpdate}, batch {@code scale.update.batch} [100] (BATCH strategy),
     * {@code watch_secs} 0, {@code scale.update.runs} [5] times in a row (v1 to v2, v2 to v3...).
     * Each figure is the time from the call to ROLLED_FORWARD, seen by polling
     * {@code getJobUpdateSummaries} every 50 ms: the controller's rounds, the kills and
     * launches over HTTP, placement and the agents' status reports. The first run is in a JVM
     * that has not compiled those paths yet (the JIT takes about as much CPU as the update);
     * the later ones are closer to a scheduler that has been running, as in production (the
     * JIT still recompiles H2's hot paths for several runs). The returned figure is the median
     * of the later runs. Checks that each instance got exactly one task of each new
     * configuration.
     */
    static Map<String, Object> update() {
        int instances = Integer.getInteger('scale.update.instances', 1_000)
        int agents = Integer.getInteger('scale.update.agents', 250)
        int batch = Integer.getInteger('scale.update.batch', 100)
        int runs = Integer.getInteger('scale.update.runs', 5)
        SimulatedCluster cluster = SimulatedCluster.start(new SimulatedCluster.Options(
                heartbeats: HEARTBEAT, agents: agents))
        try {
            JobKey key = new JobKey('www', 'prod', 'rolling')
            def settings = new io.borealis.api.model.UpdateSettings(batch, 0, 0, 0, false, false,
                    null, false, io.borealis.api.model.UpdateStrategyKind.BATCH, [], false)
            TaskConfig current = Workload.config(key, Workload.MEDIUM)
            cluster.createJob(new JobConfiguration(key, key.role(), instances, current, null,
                    io.borealis.api.model.CronCollisionPolicy.KILL_EXISTING, settings, CLUSTER))
            long t = step("${agents} agents, job of ${instances} created", System.nanoTime())
            awaitAcked(cluster, 2L * instances, Duration.ofMinutes(5))
            step('all RUNNING', t)
            List<Double> perMinute = []
            for (int run = 1; run <= runs; run++) {
                TaskConfig next = withCommand(current, "echo v${run + 1}")
                perMinute << updateOnce(cluster, key, new JobConfiguration(key, key.role(),
                        instances, next, null,
                        io.borealis.api.model.CronCollisionPolicy.KILL_EXISTING, settings, CLUSTER),
                        run == 1 ? 'first, cold JVM' : "run ${run}, warm", agents)
                current = next
            }
            List<Double> warm = (runs > 1 ? perMinute.drop(1) : perMinute).sort(false)
            double median = warm.size() % 2 == 1 ? warm[warm.size().intdiv(2)]
                    : (warm[warm.size().intdiv(2) - 1] + warm[warm.size().intdiv(2)]) / 2
            report('update', String.format('median of the %d warm runs %,.0f instances/minute ' +
                    '(%s); first run, cold JVM %,.0f', warm.size(), median,
                    warm.collect { String.format('%,.0f', it) }.join(', '), perMinute[0]))
            [perMinute: median, cold: perMinute[0]]
        } finally {
            cluster.close()
        }
    }

    private static TaskConfig withCommand(TaskConfig config, String command) {
        new TaskConfig(config.job(), config.isService(), config.priority(), config.production(),
                config.tier(), config.maxTaskFailures(), config.resources(), config.constraints(),
                config.requestedPorts(), new TaskSpec('main', [Fixtures.process('main', command)],
                [], 1, 0, 30, null, null), null, [], null, null, null, null)
    }

    /** One update of the job to {@code next}, timed; prints its BENCH line, returns per minute. */
    private static double updateOnce(SimulatedCluster cluster, JobKey key, JobConfiguration next,
            String label, int agents) {
        int instances = next.instanceCount()
        long cpu0 = cpuNanos()
        Map<Long, List> threads0 = threadCpu()
        List<Long> gcJit0 = gcAndJitMillis()
        long start = System.nanoTime()
        Response started = cluster.manager().startJobUpdate(ThriftCodec.toThrift(next), 'bench')
        if (started.responseCode != ResponseCode.OK) {
            throw new IllegalStateException("startJobUpdate: ${Responses.message(started)}")
        }
        String id = started.result.startJobUpdateResult.updateId
        def reader = cluster.reader()
        def query = new io.borealis.api.thrift.JobUpdateQuery().setJob(ThriftCodec.toThrift(key))
        String status
        while (true) {
            status = reader.getJobUpdateSummaries(query).result.getJobUpdateSummariesResult
                    .updates.find { it.id == id }.status.name()
            if (!(status.startsWith('ROLLING_') || status.contains('PAUSED')
                    || status.contains('AWAITING_PULSE'))) {
                break
            }
            if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException("update ${id} still ${status} after 10 min")
            }
            Thread.sleep(50)
        }
        long took = System.nanoTime() - start
        long cpu = cpuNanos() - cpu0
        String byGroup = cpuByGroup(threads0)
        List<Long> gcJit = [gcAndJitMillis(), gcJit0].transpose().collect { it[0] - it[1] }
        step("update ${label} ${status}", start)
        TaskConfig target = next.taskConfig()
        Map<Integer, Integer> perInstance = cluster.tasks(key)
                .findAll { it.assignedTask().task() == target }
                .countBy { it.assignedTask().instanceId() }
        if (status != 'ROLLED_FORWARD' || perInstance.size() != instances
                || perInstance.values().any { it != 1 }) {
            throw new IllegalStateException("update ${id} ended ${status}; new tasks per "
                    + "instance: ${perInstance.values().countBy { it }}")
        }
        double perMinute = instances / (took / 60e9d)
        report('update', String.format('%s: %,d instances, batch %d, watch_secs 0: ' +
                'ROLLED_FORWARD in %.2f s = %,.0f instances/minute (JVM CPU %.1f s: scheduler ' +
                'and %d simulated agents; by thread, s: %s; GC pauses %.1f s, JIT %.1f s); each ' +
                'instance got exactly one new task; %s', label, instances,
                next.updateSettings().batchSize(), seconds(took), perMinute, seconds(cpu),
                agents, byGroup, gcJit[0] / 1e3d, gcJit[1] / 1e3d, load()))
        perMinute
    }

    /** Percentile {@code p} of nanosecond samples, in milliseconds (nearest rank). */
    static double pct(List<Long> nanos, int p) {
        List<Long> sorted = nanos.sort(false)
        int rank = Math.max(1, Math.ceil(p / 100d * sorted.size()) as int)
        sorted[rank - 1] / 1e6d
    }

    /**
     * Time from an agent's last heartbeat to its tasks PENDING elsewhere (and RUNNING), with the
     * scheduler's default agent timings and with an agent timeout of
     * {@code scale.loss.timeout} [10] s: {@code scale.loss.agents} [200] agents heartbeating at
     * the interval the scheduler asks for, a service job of 100 instances, then one agent's
     * process "dies" (stops heartbeating and answering).
     */
    static Map<String, Object> agentLoss() {
        int agents = Integer.getInteger('scale.loss.agents', 200)
        Duration shortTimeout = Duration.ofSeconds(Integer.getInteger('scale.loss.timeout', 10))
        Map<String, Object> figures = [:]
        [defaults: null, short: shortTimeout].each { String label, Duration timeout ->
            def options = new SimulatedCluster.Options(agents: agents)
            if (timeout != null) {
                options.configure = { c -> c.withAgentTimings(timeout, c.assignedGrace(),
                        c.agentCheckInterval()) }
            }
            SimulatedCluster cluster = SimulatedCluster.start(options)
            try {
                def config = cluster.config
                cluster.startHeartbeats(config.heartbeatInterval())
                JobKey key = new JobKey('www', 'prod', 'loss')
                cluster.createJob(Workload.job(Workload.config(key, Workload.MEDIUM), 100, CLUSTER))
                awaitAcked(cluster, 200, Duration.ofMinutes(2))
                List<ScheduledTask> tasks = cluster.tasks(key).findAll { it.status().isActive() }
                String victim = tasks[0].assignedTask().agentId()
                SimAgent agent = cluster.agentsById[victim]
                int held = tasks.count { it.assignedTask().agentId() == victim }
                cluster.await(Duration.ofSeconds(30), 'a heartbeat from the victim') {
                    agent.lastHeartbeatNanos > 0
                }
                agent.kill()
                long last = agent.lastHeartbeatNanos
                long pendingAt = 0
                long runningAt = 0
                cluster.await(Duration.ofMinutes(5), "agent $victim's tasks RUNNING elsewhere", 100) {
                    List<ScheduledTask> now = cluster.tasks(key).findAll { it.status().isActive() }
                    boolean gone = now.every { it.assignedTask().agentId() != victim }
                    if (gone && pendingAt == 0) {
                        pendingAt = System.nanoTime()
                    }
                    if (gone && now.size() == 100 && now.every { it.status() == TaskStatus.RUNNING }) {
                        runningAt = System.nanoTime()
                    }
                    runningAt != 0
                }
                String text = String.format('%s (agent timeout %d s, check every %d s, heartbeat ' +
                        'every %d s): last heartbeat -> its %d tasks PENDING elsewhere %.1f s, ' +
                        'RUNNING elsewhere %.1f s; %s', label, config.agentTimeout().toSeconds(),
                        config.agentCheckInterval().toSeconds(),
                        config.heartbeatInterval().toSeconds(), held,
                        seconds(pendingAt - last), seconds(runningAt - last), load())
                report('agent-loss', text)
                figures[label] = seconds(pendingAt - last)
            } finally {
                cluster.close()
            }
        }
        figures
    }
}
