package io.borealis.scheduler.app;

import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.AgentService;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.SchedulerManager;
import io.borealis.scheduler.audit.AuditLog;
import io.borealis.scheduler.auth.AgentBinding;
import io.borealis.scheduler.auth.Security;
import io.borealis.scheduler.auth.SecurityConfig;
import io.borealis.scheduler.backup.BackupService;
import io.borealis.scheduler.backup.BackupSettings;
import io.borealis.scheduler.backup.Backups;
import io.borealis.scheduler.backup.Recovery;
import io.borealis.scheduler.cron.CronJobs;
import io.borealis.scheduler.cron.CronScheduler;
import io.borealis.scheduler.http.ApiEndpoint;
import io.borealis.scheduler.http.PageSources;
import io.borealis.scheduler.http.Routes;
import io.borealis.scheduler.lifecycle.HistoryPruner;
import io.borealis.scheduler.lifecycle.TaskTimers;
import io.borealis.scheduler.maintenance.DrainDriver;
import io.borealis.scheduler.maintenance.HttpCoordinator;
import io.borealis.scheduler.maintenance.MaintenanceManager;
import io.borealis.scheduler.metrics.MeteredProcessor;
import io.borealis.scheduler.metrics.MeteredStorage;
import io.borealis.scheduler.metrics.MetricsRoute;
import io.borealis.scheduler.metrics.PlacementCounter;
import io.borealis.scheduler.metrics.SchedulerMetrics;
import io.borealis.scheduler.quota.QuotaCheck;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.rpc.AdminHandler;
import io.borealis.scheduler.rpc.AgentServiceHandler;
import io.borealis.scheduler.rpc.ApiGuard;
import io.borealis.scheduler.rpc.ReadOnlySchedulerHandler;
import io.borealis.scheduler.rpc.Responses;
import io.borealis.scheduler.rpc.SchedulerManagerHandler;
import io.borealis.scheduler.rpc.ThriftAgentGateway;
import io.borealis.scheduler.scheduling.AgentLiveness;
import io.borealis.scheduler.scheduling.AgentManager;
import io.borealis.scheduler.scheduling.AgentMonitor;
import io.borealis.scheduler.scheduling.RoundPlanner;
import io.borealis.scheduler.scheduling.SchedulingLoop;
import io.borealis.scheduler.scheduling.TaskReconciler;
import io.borealis.scheduler.state.Flapping;
import io.borealis.scheduler.state.JobManager;
import io.borealis.scheduler.state.PendingReasons;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.h2.H2Storage;
import io.borealis.scheduler.update.UpdateController;
import io.borealis.scheduler.update.UpdateManager;
import io.borealis.scheduler.validation.JobValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.thrift.TMultiplexedProcessor;
import org.apache.thrift.TProcessor;
import org.eclipse.jetty.server.Handler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the leader runs: the store, the agent gateway, the state and scheduling machinery,
 * the API handlers and the routes over them, and the periodic loops. A single scheduler builds it
 * at startup; a replica builds it when elected ({@link Replica}). {@link #build} opens the store
 * and claims it ({@link Fencing}) but starts no loop; {@link #startLoops} starts them once HTTP
 * serves. Everything built is pushed onto {@code started}, to be closed in reverse order.
 */
final class LeaderRole {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderRole.class);
    /** Most tasks one scheduling round assigns. */
    private static final int MAX_ASSIGNMENTS_PER_ROUND = 10_000;
    private static final int AGENT_GATEWAY_THREADS = 8;
    private static final Duration AGENT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** How often the cron scheduler looks for due trigger times (they fall on whole minutes). */
    private static final Duration CRON_TICK = Duration.ofSeconds(1);
    /** How often active updates are looked at (also at once after each update command). */
    private static final Duration UPDATE_TICK = Duration.ofMillis(500);
    /** How long an SLA coordinator may take to answer (Aurora: 1 min). */
    private static final Duration COORDINATOR_TIMEOUT = Duration.ofSeconds(10);

    /** A periodic loop: started once HTTP serves, closed in reverse order. */
    private record Service(Runnable start, AutoCloseable stop) {}

    private final Handler routes;
    private final TProcessor api;
    private final List<Service> loops;

    private LeaderRole(Handler routes, TProcessor api, List<Service> loops) {
        this.routes = routes;
        this.api = api;
        this.loops = loops;
    }

    /** Every route the leader serves ({@code /api}, pages, {@code /metrics}). */
    Handler routes() {
        return routes;
    }

    /** The multiplexed Thrift processor behind {@code POST /api}. */
    TProcessor api() {
        return api;
    }

    /** Starts the loops, pushing each onto {@code started}. */
    void startLoops(Deque<AutoCloseable> started) {
        for (Service loop : loops) {
            loop.start().run();
            started.push(loop.stop());
        }
    }

    /**
     * Builds the leader's parts.
     *
     * @param url this scheduler's public URL, named in responses and logs
     * @param fencing claims the store before anything writes to it
     * @param deposed called when the store refuses a write because another replica leads
     */
    static LeaderRole build(SchedulerConfig config, SecurityConfig securityConfig, Clock clock,
            BackupSettings backupSettings, SchedulerTls tls, String hostName, String url,
            Fencing fencing, Consumer<String> deposed, Deque<AutoCloseable> started)
            throws Exception {
        Security security = securityConfig.shiroIni() == null
                ? Security.open() : Security.fromIni(securityConfig.shiroIni());
        SchedulerMetrics metrics = new SchedulerMetrics();
        started.push(metrics);
        createDirectories(config.home().resolve("db"));
        H2Storage h2 = H2Storage.open(config.jdbcUrl(), databasePassword(config.database()), clock);
        started.push(h2);
        fencing.claim(h2, deposed);
        Storage storage = new MeteredStorage(new StepDownOnFence(h2, deposed), metrics);
        ThriftAgentGateway gateway =
                new ThriftAgentGateway(AGENT_GATEWAY_THREADS, AGENT_CALL_TIMEOUT, tls.agentTrust());
        started.push(gateway);
        PendingSignal pending = new PendingSignal();
        PendingSignal settled = new PendingSignal();
        Flapping flapping = new Flapping(config.lifecycle().flapping());
        StateManager stateManager =
                new StateManager(clock, gateway, pending, hostName, flapping, settled);
        QuotaManager quotas = new QuotaManager(storage, new QuotaCheck(config.tiers()));
        JobValidator validator = new JobValidator(config.cluster(), config.tiers());
        JobManager jobManager = new JobManager(storage, stateManager, validator, quotas);
        CronJobs cronJobs = new CronJobs(storage, stateManager, quotas, metrics, validator, clock);
        CronScheduler cron = new CronScheduler(storage, cronJobs, clock, CRON_TICK);
        AgentLiveness liveness = new AgentLiveness();
        TaskUsageCache usages = new TaskUsageCache();
        AgentManager agentManager = new AgentManager(storage, stateManager, liveness, usages,
                pending, clock, new AgentManager.Timing(config.heartbeatInterval(),
                        config.assignedGrace(), config.agentTimeout()));
        TaskReconciler reconciler = new TaskReconciler(storage, agentManager, gateway, gateway,
                AGENT_CALL_TIMEOUT.multipliedBy(2));
        PendingReasons reasons = new PendingReasons();
        MaintenanceManager maintenance = new MaintenanceManager(storage, stateManager, clock);
        RoundPlanner planner = new RoundPlanner(config.tiers(), maintenance, clock,
                new RoundPlanner.Settings(MAX_ASSIGNMENTS_PER_ROUND, config.preemptionDelay(),
                        RoundPlanner.Settings.DEFAULT_RESERVATION_HOLD));
        SchedulingLoop loop = new SchedulingLoop(storage, stateManager,
                new PlacementCounter(gateway, metrics), pending,
                planner, reasons, config.schedulingTick());
        AgentMonitor monitor = new AgentMonitor(storage, stateManager, liveness, usages, clock,
                config.agentTimeout(), config.agentCheckInterval());
        TaskTimers timers = new TaskTimers(storage, stateManager, flapping, gateway, clock,
                config.lifecycle().timers());
        HttpCoordinator coordinator = new HttpCoordinator(config.cluster(), COORDINATOR_TIMEOUT);
        UpdateController updater = new UpdateController(storage, stateManager, clock,
                UPDATE_TICK, settled, coordinator);
        UpdateManager updates = new UpdateManager(storage,
                new JobValidator(config.cluster(), config.tiers()), quotas, clock, updater::wake);
        HistoryPruner pruner = new HistoryPruner(storage, clock, config.lifecycle().history());
        Backups backupDir = new Backups(h2, backupSettings, clock);
        BackupService backups = new BackupService(h2, backupDir,
                new Recovery(backupDir, h2, pending, clock));
        DrainDriver drains = new DrainDriver(storage, maintenance, coordinator, clock,
                config.lifecycle().maintenanceInterval());

        Responses responses = new Responses(config.cluster());
        AuditLog audit = AuditLog.open(securityConfig.auditLogIn(config.home()), clock);
        started.push(audit);
        // Every service is served through its ApiGuard: authorization and audit in one place.
        ApiGuard.Policy policy = new ApiGuard.Policy(security.enabled(),
                securityConfig.authorizeReads(), new AgentBinding(), audit, config.cluster());
        TMultiplexedProcessor api = new TMultiplexedProcessor();
        api.registerProcessor("ReadOnlyScheduler", ApiGuard.of("ReadOnlyScheduler",
                ReadOnlyScheduler.Iface.class, new ReadOnlySchedulerHandler(storage, usages,
                        quotas, reasons, config.tiers(), responses, url, cronJobs),
                ReadOnlyScheduler.Processor::new, policy));
        api.registerProcessor("SchedulerManager", ApiGuard.of("SchedulerManager",
                SchedulerManager.Iface.class, new SchedulerManagerHandler(jobManager, cronJobs,
                        updates, responses, url), SchedulerManager.Processor::new, policy));
        api.registerProcessor("Admin", ApiGuard.of("Admin", Admin.Iface.class,
                new AdminHandler(quotas, reconciler, pruner, maintenance, backups, responses),
                Admin.Processor::new, policy));
        api.registerProcessor("AgentService", ApiGuard.of("AgentService",
                AgentService.Iface.class, new AgentServiceHandler(agentManager, responses,
                        gateway), AgentService.Processor::new, policy));
        metrics.watchCluster(() -> storage.read(store -> store.tasks().countByStatus()),
                () -> storage.read(store -> store.agents().fetchAll().size()),
                liveness::forgotten, () -> true);
        // Metrics outside security: a refused call is counted too; /metrics needs no login.
        TProcessor metered = new MeteredProcessor(api, metrics, Map.of(
                "ReadOnlyScheduler", ReadOnlyScheduler.Iface.class,
                "SchedulerManager", SchedulerManager.Iface.class,
                "Admin", Admin.Iface.class, "AgentService", AgentService.Iface.class));
        Handler routes = new MetricsRoute(metrics, new Routes(
                new ApiEndpoint(metered, security, audit, securityConfig.maxRequestBytes()),
                securityConfig.pagesRequireLogin() ? security : Security.open(),
                new PageSources(config.cluster(), storage, usages, reasons, quotas.check(),
                        liveness, drains::overview, clock)));
        LOG.info("cluster {}: public URL {}", config.cluster(), url);
        if (security.enabled()) {
            LOG.info("security on: users from {}; reads {}; pages {}; audit log {}",
                    security.source(), securityConfig.authorizeReads() ? "authorized" : "open to "
                            + "authenticated callers", securityConfig.pagesRequireLogin()
                            ? "need login" : "open", audit.file());
        } else {
            LOG.warn("security off (no --shiro-ini): anyone who reaches {} may do anything; "
                    + "audit log {}", url, audit.file());
        }
        return new LeaderRole(routes, api, List.of(
                new Service(loop::start, loop),
                new Service(monitor::start, monitor),
                new Service(timers::start, timers),
                new Service(updater::start, updater),
                new Service(pruner::start, pruner),
                new Service(h2.supportsBackups() ? backupDir::start : () -> LOG.info(
                        "no periodic backups: the database {} is backed up with its own tools",
                        config.database()), backups),
                new Service(drains::start, drains),
                new Service(cron::start, cron)));
    }

    /** The first line of the database's password file, or null without one. */
    private static @Nullable String databasePassword(Database database) throws IOException {
        if (database.passwordFile() == null) {
            return null;
        }
        try (var lines = Files.lines(database.passwordFile())) {
            return lines.findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "the database password file " + database.passwordFile() + " is empty"));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "the database password file " + database.passwordFile() + " does not exist");
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
