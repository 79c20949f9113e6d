package io.borealis.scheduler.app;

import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.AgentService;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.SchedulerManager;
import io.borealis.scheduler.audit.AuditLog;
import io.borealis.scheduler.auth.AgentBinding;
import io.borealis.scheduler.auth.Security;
import io.borealis.scheduler.auth.SecurityConfig;
import io.borealis.scheduler.http.ApiEndpoint;
import io.borealis.scheduler.backup.BackupService;
import io.borealis.scheduler.backup.BackupSettings;
import io.borealis.scheduler.backup.Backups;
import io.borealis.scheduler.backup.Recovery;
import io.borealis.scheduler.http.PageSources;
import io.borealis.scheduler.http.Routes;
import io.borealis.scheduler.cron.CronJobs;
import io.borealis.scheduler.cron.CronScheduler;
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
import io.borealis.scheduler.rpc.AdminHandler;
import io.borealis.scheduler.rpc.ApiGuard;
import io.borealis.scheduler.rpc.AgentServiceHandler;
import io.borealis.scheduler.rpc.ReadOnlySchedulerHandler;
import io.borealis.scheduler.rpc.Responses;
import io.borealis.scheduler.rpc.SchedulerManagerHandler;
import io.borealis.scheduler.quota.QuotaCheck;
import io.borealis.scheduler.quota.QuotaManager;
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
import io.borealis.scheduler.tier.Tiers;
import io.borealis.scheduler.tier.TiersFile;
import io.borealis.scheduler.update.UpdateController;
import io.borealis.scheduler.update.UpdateManager;
import io.borealis.scheduler.validation.JobValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TMultiplexedProcessor;
import org.apache.thrift.TProcessor;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scheduler's entry point and composition root. Flags (scheduler/README.md): {@code --home},
 * {@code --http-port}, {@code --cluster}, {@code --public-url}, agent liveness, the task
 * lifecycle's timings, {@code --tier-config} and {@code --preemption-delay}. An unknown flag or a
 * bad value stops startup with a message naming it; values that do not fit together are reported
 * all at once. SIGTERM (or Ctrl-C) stops the scheduler cleanly
 * ({@link Scheduler#close}): the loops, then HTTP, then the database.
 */
@Command(name = "borealis-scheduler", mixinStandardHelpOptions = true,
        description = "Runs the Borealis scheduler.")
public final class SchedulerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerMain.class);
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

    @Option(names = "--home", required = true, paramLabel = "DIR",
            description = "State directory; the database lives in DIR/db unless --db-url.")
    private Path home;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "A PostgreSQL database shared by scheduler replicas, "
                    + "jdbc:postgresql://HOST:PORT/DB?user=USER (default: embedded H2 in "
                    + "HOME/db).")
    private String dbUrl;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "File whose first line is the database password (default: none).")
    private Path dbPasswordFile;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port to serve HTTP on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort = SchedulerConfig.DEFAULT_HTTP_PORT;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "The cluster's name (default: ${DEFAULT-VALUE}).")
    private String cluster = SchedulerConfig.DEFAULT_CLUSTER;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "How others reach this scheduler (default: http://HOSTNAME:PORT).")
    private String publicUrl;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "2s",
            converter = DurationConverter.class,
            description = "How often agents heartbeat (default: ${DEFAULT-VALUE}).")
    private Duration heartbeatInterval;

    @Option(names = "--agent-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "An agent silent this long is declared lost: its tasks go LOST (or "
                    + "PARTITIONED) and are replaced; its executors stop their tasks "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration agentTimeout;

    @Option(names = "--transient-task-state-timeout", paramLabel = "DURATION",
            defaultValue = "5m", converter = DurationConverter.class,
            description = "A task ASSIGNED, PREEMPTING, RESTARTING, KILLING or DRAINING for longer "
                    + "goes LOST (default: ${DEFAULT-VALUE}).")
    private Duration transientTimeout;

    @Option(names = "--initial-task-kill-retry-interval", paramLabel = "DURATION",
            defaultValue = "5s", converter = DurationConverter.class,
            description = "First wait before an unconfirmed kill is sent again; doubles each "
                    + "time (default: ${DEFAULT-VALUE}).")
    private Duration killRetryInterval;

    @Option(names = "--flapping-task-threshold", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "A task that ends on its own sooner than this after it started is "
                    + "flapping; 0 turns throttling off (default: ${DEFAULT-VALUE}).")
    private Duration flappingThreshold;

    @Option(names = "--initial-flapping-task-delay", paramLabel = "DURATION",
            defaultValue = "30s", converter = DurationConverter.class,
            description = "THROTTLED time of a flapping task's replacement; doubles for each "
                    + "flapping ancestor (default: ${DEFAULT-VALUE}).")
    private Duration initialFlappingDelay;

    @Option(names = "--max-flapping-task-delay", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Longest THROTTLED time (default: ${DEFAULT-VALUE}).")
    private Duration maxFlappingDelay;

    @Option(names = "--history-prune-threshold", paramLabel = "DURATION", defaultValue = "2d",
            converter = DurationConverter.class,
            description = "Ended tasks are deleted this long after they ended "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration historyPruneThreshold;

    @Option(names = "--history-max-tasks-per-job", paramLabel = "N", defaultValue = "100",
            description = "Ended tasks kept per job; older ones are deleted "
                    + "(default: ${DEFAULT-VALUE}).")
    private int historyMaxTasksPerJob;

    @Option(names = "--history-min-retention", paramLabel = "DURATION", defaultValue = "1h",
            converter = DurationConverter.class,
            description = "No ended task is deleted sooner than this after it ended "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration historyMinRetention;

    @Option(names = "--tier-config", paramLabel = "FILE",
            description = "Tiers in Aurora's tiers.json format (default: Aurora's tiers "
                    + "preferred, preemptible (the default) and revocable).")
    private Path tierConfig;

    @Option(names = "--preemption-delay", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a task waits PENDING before it may preempt others, "
                    + "e.g. 0, 15s, 3m (default: 15s).")
    private Duration preemptionDelay = RoundPlanner.Settings.DEFAULT_PREEMPTION_DELAY;

    @Option(names = "--shiro-ini", paramLabel = "FILE",
            description = "Turns security on: users (passwords as $shiro2$ hashes), roles and "
                    + "realms in Shiro's INI format. Without it every caller may do everything.")
    private Path shiroIni;

    @Option(names = "--authorize-reads",
            description = "Read-only calls need thrift.ReadOnlyScheduler:METHOD too "
                    + "(default: open to every authenticated caller).")
    private boolean authorizeReads;

    @Option(names = "--pages-require-login",
            description = "The web pages need the same login as the API (not /health).")
    private boolean pagesRequireLogin;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Audit log, one JSON line per write call and per refused call "
                    + "(default: HOME/audit.log).")
    private Path auditLog;

    @Option(names = "--max-request-size", paramLabel = "SIZE", defaultValue = "4m",
            description = "Largest POST /api body accepted, e.g. 512k, 4m "
                    + "(default: ${DEFAULT-VALUE}); larger ones get 413.")
    private String maxRequestSize;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where backups are written (default: HOME/backups).")
    private Path backupDir;

    @Option(names = "--backup-interval", paramLabel = "DURATION", defaultValue = "1h",
            converter = DurationConverter.class,
            description = "Time between periodic backups (default: ${DEFAULT-VALUE}).")
    private Duration backupInterval;

    @Option(names = "--max-saved-backups", paramLabel = "N", defaultValue = "48",
            description = "Backups kept; older ones are deleted (default: ${DEFAULT-VALUE}).")
    private int maxSavedBackups;
    @Option(names = "--host-maintenance-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How often drains of hosts in maintenance are carried forward "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration maintenanceInterval;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS with this PEM certificate chain (needs --tls-key).")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The PEM (PKCS#8) private key of --tls-cert.")
    private Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM CA certificates trusted for agents' https endpoints "
                    + "(default: the JVM's).")
    private Path tlsCa;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
        // Jetty's threads keep the process alive until SIGTERM runs the shutdown hook.
    }

    /** The command line parser, strict: unknown options and extra arguments are errors. */
    static CommandLine commandLine() {
        return new CommandLine(new SchedulerMain());
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        SchedulerConfig config = config();
        SecurityConfig security = securityConfig();
        SchedulerTls tls;
        try {
            tls = SchedulerTls.of(tlsCert, tlsKey, tlsCa);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        BackupSettings backups = backupSettings();
        Scheduler scheduler;
        try {
            scheduler = start(config, security, Clock.systemUTC(), backups, tls);
        } catch (RuntimeException e) {
            // Whatever had started is stopped again; say why once, without a stack trace.
            spec.commandLine().getErr().println("borealis-scheduler: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            scheduler.close();
        }, "shutdown"));
        return 0;
    }

    /** The configuration the flags describe; every problem with them at once. */
    SchedulerConfig config() {
        List<String> problems = new ArrayList<>();
        SchedulerConfig config = checked(problems, () -> SchedulerConfig.defaults(home)
                .withHttpPort(httpPort).withCluster(cluster).withPublicUrl(publicUrl)
                .withAgentLiveness(heartbeatInterval, agentTimeout));
        Flapping.Settings flapping = checked(problems, () -> new Flapping.Settings(
                flappingThreshold, initialFlappingDelay, maxFlappingDelay));
        TaskTimers.Settings timers = checked(problems, () -> new TaskTimers.Settings(
                transientTimeout, killRetryInterval,
                LifecycleConfig.DEFAULTS.timers().tick()));
        HistoryPruner.Settings history = checked(problems, () -> new HistoryPruner.Settings(
                historyPruneThreshold, historyMaxTasksPerJob, historyMinRetention,
                LifecycleConfig.DEFAULTS.history().interval()));
        Tiers tiers = checked(problems, () ->
                tierConfig == null ? Tiers.auroraDefaults() : TiersFile.load(tierConfig));
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        SchedulerConfig base = config;
        SchedulerConfig withTiers = checked(problems, () -> base
                .withLifecycle(new LifecycleConfig(flapping, timers, history,
                        maintenanceInterval))
                .withTiers(tiers).withPreemptionDelay(preemptionDelay)
                .withDatabase(new Database(dbUrl, dbPasswordFile)));
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        return withTiers;
    }

    /** The security settings the flags describe. */
    SecurityConfig securityConfig() {
        try {
            return new SecurityConfig(shiroIni, authorizeReads, pagesRequireLogin, auditLog,
                    io.borealis.api.units.DataSize.parse(maxRequestSize).bytes());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("'")
                    ? "--max-request-size " + e.getMessage() : e.getMessage());
        }
    }

    /** The backup flags' settings. */
    BackupSettings backupSettings() {
        try {
            BackupSettings defaults = BackupSettings.defaults(home);
            return new BackupSettings(backupDir == null ? defaults.dir() : backupDir,
                    backupInterval, maxSavedBackups);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static <T> T checked(List<String> problems, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** Builds and starts an open scheduler (no security; audit log in HOME/audit.log). */
    public static Scheduler start(SchedulerConfig config, Clock clock) {
        return start(config, SecurityConfig.defaults(), clock);
    }

    /** As {@link #start(SchedulerConfig, Clock)}, with these security settings. */
    public static Scheduler start(SchedulerConfig config, SecurityConfig security, Clock clock) {
        return start(config, security, clock, BackupSettings.defaults(config.home()),
                SchedulerTls.NONE);
    }

    /** As {@link #start(SchedulerConfig, Clock)}, with these backup settings. */
    public static Scheduler start(SchedulerConfig config, Clock clock, BackupSettings backups) {
        return start(config, SecurityConfig.defaults(), clock, backups, SchedulerTls.NONE);
    }

    /** As {@link #start(SchedulerConfig, Clock)}, serving and calling agents with {@code tls}. */
    public static Scheduler start(SchedulerConfig config, Clock clock, SchedulerTls tls) {
        return start(config, SecurityConfig.defaults(), clock,
                BackupSettings.defaults(config.home()), tls);
    }

    /** As {@link #start(SchedulerConfig, Clock)}, with these backup settings and {@code tls}. */
    public static Scheduler start(SchedulerConfig config, Clock clock, BackupSettings backups,
            SchedulerTls tls) {
        return start(config, SecurityConfig.defaults(), clock, backups, tls);
    }

    /**
     * Builds and starts a scheduler with these security and backup settings, serving and calling
     * agents with {@code tls}. On failure, whatever was started is stopped again.
     */
    public static Scheduler start(SchedulerConfig config, SecurityConfig security, Clock clock,
            BackupSettings backups, SchedulerTls tls) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return start(config, security, clock, backups, tls, started);
        } catch (Exception e) {
            new Scheduler(0, "", started).close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
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

    private static Scheduler start(SchedulerConfig config, SecurityConfig securityConfig,
            Clock clock, BackupSettings backupSettings, SchedulerTls tls,
            Deque<AutoCloseable> started) throws Exception {
        String hostName = hostName();
        Security security = securityConfig.shiroIni() == null
                ? Security.open() : Security.fromIni(securityConfig.shiroIni());
        SchedulerMetrics metrics = new SchedulerMetrics();
        started.push(metrics);
        createDirectories(config.home().resolve("db"));
        H2Storage h2 = H2Storage.open(config.jdbcUrl(), databasePassword(config.database()), clock);
        started.push(h2);
        // This scheduler leads from the start: any scheduler that wrote to this database before
        // (a replica of the same shared database) cannot write any more.
        h2.claimLeadership();
        Storage storage = new MeteredStorage(h2, metrics);
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
        UpdateController updater = new UpdateController(storage, stateManager, clock,
                UPDATE_TICK, settled);
        UpdateManager updates = new UpdateManager(storage,
                new JobValidator(config.cluster(), config.tiers()), quotas, clock, updater::wake);
        HistoryPruner pruner = new HistoryPruner(storage, clock, config.lifecycle().history());
        Backups backupDir = new Backups(h2, backupSettings, clock);
        BackupService backups = new BackupService(h2, backupDir,
                new Recovery(backupDir, h2, pending, clock));
        DrainDriver drains = new DrainDriver(storage, maintenance,
                new HttpCoordinator(config.cluster(), COORDINATOR_TIMEOUT), clock,
                config.lifecycle().maintenanceInterval());

        Server server = new Server();
        ServerConnector connector = tls.server() == null ? new ServerConnector(server)
                : new ServerConnector(server, sslContextFactory(tls.server()));
        connector.setPort(config.httpPort());
        server.addConnector(connector);
        connector.open(); // bind now: the public URL names the port actually bound
        started.push(server::stop);
        int port = connector.getLocalPort();
        String url = config.publicUrl() != null
                ? config.publicUrl()
                : (tls.server() == null ? "http" : "https") + "://" + hostName + ":" + port;

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
        server.setHandler(new MetricsRoute(metrics, new Routes(
                new ApiEndpoint(metered, security, audit, securityConfig.maxRequestBytes()),
                securityConfig.pagesRequireLogin() ? security : Security.open(),
                new PageSources(config.cluster(), storage, usages, reasons, quotas.check(),
                        liveness, drains::overview, clock))));
        server.start();

        loop.start();
        started.push(loop);
        monitor.start();
        started.push(monitor);
        timers.start();
        started.push(timers);
        updater.start();
        started.push(updater);
        pruner.start();
        started.push(pruner);
        if (h2.supportsBackups()) {
            backupDir.start();
        } else {
            LOG.info("no periodic backups: the database {} is backed up with its own tools",
                    config.database());
        }
        started.push(backups);
        drains.start();
        started.push(drains);
        cron.start();
        started.push(cron);
        LOG.info("cluster {}: public URL {}", config.cluster(), url);
        if (security.enabled()) {
            LOG.info("security on: users from {}; reads {}; pages {}; audit log {}",
                    security.source(), securityConfig.authorizeReads() ? "authorized" : "open to "
                            + "authenticated callers", securityConfig.pagesRequireLogin()
                            ? "need login" : "open", audit.file());
        } else {
            LOG.warn("security off (no --shiro-ini): anyone who reaches port {} may do anything; "
                    + "audit log {}", port, audit.file());
        }
        LOG.info("listening on {}://{}:{}", tls.server() == null ? "http" : "https", hostName,
                port);
        return new Scheduler(port, url, started, api, tls.server() != null);
    }

    private static SslContextFactory.Server sslContextFactory(SSLContext context) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        return factory;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
