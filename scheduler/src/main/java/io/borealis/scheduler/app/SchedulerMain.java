package io.borealis.scheduler.app;

import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.scheduler.auth.SecurityConfig;
import io.borealis.scheduler.backup.BackupSettings;
import io.borealis.scheduler.backup.Backups;
import io.borealis.scheduler.leader.LeaderConfig;
import io.borealis.scheduler.lifecycle.HistoryPruner;
import io.borealis.scheduler.lifecycle.TaskTimers;
import io.borealis.scheduler.scheduling.RoundPlanner;
import io.borealis.scheduler.state.Flapping;
import io.borealis.scheduler.tier.Tiers;
import io.borealis.scheduler.tier.TiersFile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

    @Option(names = "--zk", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Run as one of several replicas: elect a leader through this "
                    + "ZooKeeper ensemble; followers redirect to it. Without it this scheduler "
                    + "leads alone.")
    private String zk;

    @Option(names = "--zk-path", paramLabel = "PATH",
            description = "Where replicas elect and the leader announces its URL, as clients' "
                    + "scheduler_zk_path (default: ${DEFAULT-VALUE}).")
    private String zkPath = LeaderConfig.DEFAULT_PATH;

    @Option(names = "--zk-session-timeout", paramLabel = "DURATION", defaultValue = "15s",
            converter = DurationConverter.class,
            description = "A leader cut off from ZooKeeper this long loses leadership and exits "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration zkSessionTimeout;

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
        LeaderConfig leader = leaderConfig();
        Scheduler scheduler;
        try {
            scheduler = leader == null
                    ? start(config, security, Clock.systemUTC(), backups, tls)
                    : startReplica(config, security, Clock.systemUTC(), backups, tls, leader,
                            Fencing.CLAIM, SchedulerMain::exitOnLostLeadership);
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

    /** The replica settings {@code --zk} and {@code --zk-path} describe; null without --zk. */
    LeaderConfig leaderConfig() {
        if (zk == null) {
            return null;
        }
        try {
            return LeaderConfig.of(zk, zkPath).withSessionTimeout(zkSessionTimeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Leadership is gone: exit, crash-only. Continuing as a follower would need every loop, cache
     * and in-flight write of the leader undone; a fresh process starts clean, and its supervisor
     * (systemd, or {@code borealis-devcluster}) restarts it to rejoin the election as a follower.
     * The exit runs on its own thread: the shutdown hook closes what the caller's thread is in.
     */
    private static void exitOnLostLeadership(String reason) {
        LOG.error("{}; exiting so that a supervisor restarts this replica as a follower", reason);
        new Thread(() -> System.exit(2), "exit").start();
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

    /**
     * Builds and starts one replica of a replicated scheduler ({@code --zk}): it serves HTTP at
     * once, redirecting to the leader, and leads when elected ({@link Replica}). {@code lost} is
     * called once when it loses leadership (the program exits); on failure to start, whatever
     * was started is stopped again.
     */
    public static Scheduler startReplica(SchedulerConfig config, SecurityConfig security,
            Clock clock, BackupSettings backups, SchedulerTls tls, LeaderConfig leader,
            Fencing fencing, Consumer<String> lost) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return Replica.start(config, security, clock, backups, tls, leader, fencing, lost,
                    started);
        } catch (Exception e) {
            new Scheduler(0, "", started).close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Scheduler start(SchedulerConfig config, SecurityConfig securityConfig,
            Clock clock, BackupSettings backupSettings, SchedulerTls tls,
            Deque<AutoCloseable> started) throws Exception {
        String hostName = hostName();
        HttpFront http = HttpFront.bind(config, tls, hostName, started);
        LeaderRole leader = LeaderRole.build(config, securityConfig, clock, backupSettings, tls,
                hostName, http.url(), Fencing.CLAIM, reason -> { }, started);
        http.server().setHandler(leader.routes());
        http.server().start();
        leader.startLoops(started);
        LOG.info("listening on {}://{}:{}", tls.server() == null ? "http" : "https", hostName,
                http.port());
        return new Scheduler(http.port(), http.url(), started, leader.api(),
                tls.server() != null);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
