package io.borealis.scheduler.app;

import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.AgentService;
import io.borealis.api.thrift.ReadOnlyScheduler;
import io.borealis.api.thrift.SchedulerManager;
import io.borealis.scheduler.http.Routes;
import io.borealis.scheduler.rpc.AdminHandler;
import io.borealis.scheduler.rpc.AgentServiceHandler;
import io.borealis.scheduler.rpc.ReadOnlySchedulerHandler;
import io.borealis.scheduler.rpc.Responses;
import io.borealis.scheduler.rpc.SchedulerManagerHandler;
import io.borealis.scheduler.rpc.ThriftAgentGateway;
import io.borealis.scheduler.scheduling.AgentLiveness;
import io.borealis.scheduler.scheduling.AgentManager;
import io.borealis.scheduler.scheduling.AgentMonitor;
import io.borealis.scheduler.scheduling.SchedulingLoop;
import io.borealis.scheduler.state.JobManager;
import io.borealis.scheduler.state.PendingSignal;
import io.borealis.scheduler.state.StateManager;
import io.borealis.scheduler.state.TaskUsageCache;
import io.borealis.scheduler.storage.h2.H2Storage;
import io.borealis.scheduler.validation.JobValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import org.apache.thrift.TMultiplexedProcessor;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scheduler's entry point and composition root. Flags (docs/internals.md): {@code --home},
 * {@code --http-port}, {@code --cluster}, {@code --public-url}. An unknown flag or a bad value
 * stops startup with a message naming it. SIGTERM (or Ctrl-C) stops the scheduler cleanly
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

    @Option(names = "--home", required = true, paramLabel = "DIR",
            description = "State directory; the database lives in DIR/db.")
    private Path home;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port to serve HTTP on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort = SchedulerConfig.DEFAULT_HTTP_PORT;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "The cluster's name (default: ${DEFAULT-VALUE}).")
    private String cluster = SchedulerConfig.DEFAULT_CLUSTER;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "How others reach this scheduler (default: http://HOSTNAME:PORT).")
    private String publicUrl;

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
        SchedulerConfig config;
        try {
            config = SchedulerConfig.defaults(home).withHttpPort(httpPort)
                    .withCluster(cluster).withPublicUrl(publicUrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Scheduler scheduler;
        try {
            scheduler = start(config, Clock.systemUTC());
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

    /** Builds and starts a scheduler. On failure, whatever was started is stopped again. */
    public static Scheduler start(SchedulerConfig config, Clock clock) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return start(config, clock, started);
        } catch (Exception e) {
            new Scheduler(0, "", started).close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Scheduler start(SchedulerConfig config, Clock clock,
            Deque<AutoCloseable> started) throws Exception {
        String hostName = hostName();
        createDirectories(config.home().resolve("db"));
        H2Storage storage = H2Storage.open(config.jdbcUrl(), clock);
        started.push(storage);
        ThriftAgentGateway gateway =
                new ThriftAgentGateway(AGENT_GATEWAY_THREADS, AGENT_CALL_TIMEOUT);
        started.push(gateway);
        PendingSignal pending = new PendingSignal();
        StateManager stateManager = new StateManager(clock, gateway, pending, hostName);
        JobManager jobManager =
                new JobManager(storage, stateManager, new JobValidator(config.cluster()));
        AgentLiveness liveness = new AgentLiveness();
        TaskUsageCache usages = new TaskUsageCache();
        AgentManager agentManager = new AgentManager(storage, stateManager, liveness, usages,
                pending, clock, new AgentManager.Timing(config.heartbeatInterval(),
                        config.assignedGrace()));
        SchedulingLoop loop = new SchedulingLoop(storage, stateManager, gateway, pending,
                config.schedulingTick(), MAX_ASSIGNMENTS_PER_ROUND);
        AgentMonitor monitor = new AgentMonitor(storage, stateManager, liveness, usages, clock,
                config.agentTimeout(), config.agentCheckInterval());

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(config.httpPort());
        server.addConnector(connector);
        connector.open(); // bind now: the public URL names the port actually bound
        started.push(server::stop);
        int port = connector.getLocalPort();
        String url = config.publicUrl() != null
                ? config.publicUrl() : "http://" + hostName + ":" + port;

        Responses responses = new Responses(config.cluster());
        TMultiplexedProcessor api = new TMultiplexedProcessor();
        api.registerProcessor("ReadOnlyScheduler", new ReadOnlyScheduler.Processor<>(
                new ReadOnlySchedulerHandler(storage, usages, responses)));
        api.registerProcessor("SchedulerManager", new SchedulerManager.Processor<>(
                new SchedulerManagerHandler(jobManager, responses, url)));
        api.registerProcessor("Admin", new Admin.Processor<>(new AdminHandler(responses)));
        api.registerProcessor("AgentService", new AgentService.Processor<>(
                new AgentServiceHandler(agentManager, responses)));
        server.setHandler(new Routes(api, storage, usages, config.cluster()));
        server.start();

        loop.start();
        started.push(loop);
        monitor.start();
        started.push(monitor);
        LOG.info("cluster {}: public URL {}", config.cluster(), url);
        LOG.info("listening on http://{}:{}", hostName, port);
        return new Scheduler(port, url, started, api);
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
